/** The bench scripts' command line: `--name value`, `--name=value` and `--flag`. */
export function commandLine(args: string[] = process.argv.slice(2)) {
  return {
    args,
    option(name: string): string | undefined {
      const at = args.indexOf(`--${name}`);
      return at >= 0 ? args[at + 1] : args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
    },
    flag(name: string): boolean {
      return args.includes(`--${name}`);
    },
  };
}
