import type { NextConfig } from 'next';

/**
 * Security headers for every response (pages, feeds, data, errors).
 * script-src needs 'unsafe-inline': statically generated App Router pages carry their React
 * Server Component payload in inline <script> tags, and a nonce would force every page to be
 * rendered per request (no CDN caching). Post bodies are sanitised, so no author can add a
 * script; see README "Security".
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  'upgrade-insecure-requests',
].join('; ');

export const securityHeaders = [
  { key: 'Content-Security-Policy', value: contentSecurityPolicy },
  { key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains; preload' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

const nextConfig: NextConfig = {
  output: 'standalone',
  // A separate build folder lets a second build (a benchmark, a parallel check) run beside this one.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  // The site has no images: the optimiser endpoint (/_next/image) stays off.
  images: { unoptimized: true },
  reactStrictMode: true,
  // Pages not pre-rendered at build time read the content folder on first request.
  outputFileTracingIncludes: { '/**': ['./content/**/*'] },
  experimental: { cpus: 2 },
  sassOptions: {
    loadPaths: ['node_modules'],
    quietDeps: true,
    silenceDeprecations: ['import', 'global-builtin', 'slash-div', 'if-function'],
  },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

export default nextConfig;
