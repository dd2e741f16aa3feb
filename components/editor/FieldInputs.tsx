import type { ReactNode } from 'react';
import { countName, fieldName, newTagsName, type Values } from '@/lib/editor/document';
import type { Field, Reference } from '@/lib/editor/fields';
import type { Choice } from '@/lib/editor/view';

/**
 * The inputs of one form, field by field from the schema's fields (lib/editor/fields.ts), in
 * GOV.UK Frontend's markup. Server-rendered, no JavaScript: lists grow and shrink through
 * buttons of the form itself. Each input's name is the field's path as content:check names it
 * (`decisions[1].outcome`), so each problem lands on its own field.
 */

export interface FormContext {
  /** Problems by field path, in content:check's words. */
  errors: Map<string, string[]>;
  /** The real records a reference may name. */
  choices: Record<Reference, Choice[]>;
  /** Tags used anywhere in the content, for the tag picker. */
  tags: string[];
}

/** `decisions[1].outcome` → `field-decisions-1-outcome`: an id each problem's link can point to. */
export function fieldId(name: string): string {
  return `field-${name.replace(/[^A-Za-z0-9]+/g, '-').replace(/-$/, '')}`;
}

function describedBy(...ids: Array<string | undefined | false>): string | undefined {
  const list = ids.filter(Boolean);
  return list.length > 0 ? list.join(' ') : undefined;
}

function ErrorMessages({ id, messages }: { id: string; messages: string[] | undefined }) {
  if (!messages?.length) return null;
  return (
    <p id={id} className="govuk-error-message">
      {messages.map((message, i) => (
        <span key={i} className="editor-error-line">
          <span className="govuk-visually-hidden">Error:</span> {message}
        </span>
      ))}
    </p>
  );
}

function Hint({ id, field, extra }: { id: string; field: Field; extra?: string }) {
  const text = [field.hint, extra].filter(Boolean).join('. ');
  if (!text) return null;
  return (
    <div id={id} className="govuk-hint">
      {text}
    </div>
  );
}

function labelOf(field: Field): string {
  return field.required ? field.label : `${field.label} (optional)`;
}

const str = (value: unknown): string => (value === undefined || value === null ? '' : String(value));

function FormGroup({ error, children }: { error: boolean; children: ReactNode }) {
  return <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>{children}</div>;
}

function FieldInput({ field, name, value, context }: { field: Field; name: string; value: unknown; context: FormContext }) {
  const id = fieldId(name);
  const errors = context.errors.get(name);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const hasError = !!errors?.length;
  const aria = describedBy(field.hint && hintId, hasError && errorId);

  switch (field.kind) {
    case 'group':
      return <GroupInput field={field} name={name} value={value} context={context} />;
    case 'boolean': {
      if (field.defaultValue !== undefined) {
        const checked = (value ?? field.defaultValue) === true;
        return (
          <FormGroup error={hasError}>
            <ErrorMessages id={errorId} messages={errors} />
            <div className="govuk-checkboxes govuk-checkboxes--small">
              <div className="govuk-checkboxes__item">
                <input className="govuk-checkboxes__input" id={id} name={name} type="checkbox" value="true" defaultChecked={checked} aria-describedby={aria} />
                <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
                  {field.label}
                </label>
                {field.hint && (
                  <div id={hintId} className="govuk-hint govuk-checkboxes__hint">
                    {field.hint}
                  </div>
                )}
              </div>
            </div>
          </FormGroup>
        );
      }
      return (
        <SelectInput
          field={field}
          name={name}
          value={value === undefined ? '' : String(value)}
          options={[
            { value: 'true', label: 'Yes' },
            { value: 'false', label: 'No' },
          ]}
          empty="Not stated"
          context={context}
        />
      );
    }
    case 'enum':
      return (
        <SelectInput
          field={field}
          name={name}
          value={str(value)}
          options={field.options.map((o) => ({ value: o, label: optionLabel(o) }))}
          empty={field.required ? 'Choose one' : 'None'}
          context={context}
        />
      );
    case 'slug':
      if (field.reference) {
        return (
          <SelectInput
            field={field}
            name={name}
            value={str(value)}
            options={context.choices[field.reference]}
            empty={field.required ? 'Choose one' : 'None'}
            context={context}
          />
        );
      }
      break;
    case 'slugList':
      return <TagPicker field={field} name={name} value={value} context={context} />;
    case 'textList':
      return (
        <FormGroup error={hasError}>
          <label className="govuk-label govuk-label--s" htmlFor={id}>
            {labelOf(field)}
          </label>
          <Hint id={hintId} field={field} extra="One on each line" />
          <ErrorMessages id={errorId} messages={errors} />
          <textarea
            className={`govuk-textarea${hasError ? ' govuk-textarea--error' : ''}`}
            id={id}
            name={name}
            rows={3}
            defaultValue={Array.isArray(value) ? value.map(String).join('\n') : ''}
            aria-describedby={describedBy(hintId, hasError && errorId)}
          />
        </FormGroup>
      );
    case 'text':
      if (field.multiline) {
        return (
          <FormGroup error={hasError}>
            <label className="govuk-label govuk-label--s" htmlFor={id}>
              {labelOf(field)}
            </label>
            <Hint id={hintId} field={field} />
            <ErrorMessages id={errorId} messages={errors} />
            <textarea
              className={`govuk-textarea${hasError ? ' govuk-textarea--error' : ''}`}
              id={id}
              name={name}
              rows={3}
              defaultValue={str(value)}
              aria-describedby={aria}
            />
          </FormGroup>
        );
      }
      break;
    default:
      break;
  }
  const width =
    field.kind === 'date'
      ? ' govuk-input--width-20'
      : field.kind === 'slug'
        ? ' govuk-input--width-30'
        : field.kind === 'number'
          ? ' govuk-input--width-10'
          : '';
  const extra = field.kind === 'date' ? `For example, ${field.examples.join(' or ')}. London time` : undefined;
  return (
    <FormGroup error={hasError}>
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        {labelOf(field)}
      </label>
      <Hint id={hintId} field={field} extra={extra} />
      <ErrorMessages id={errorId} messages={errors} />
      <input
        className={`govuk-input${width}${hasError ? ' govuk-input--error' : ''}`}
        id={id}
        name={name}
        type="text"
        defaultValue={str(value)}
        spellCheck={field.kind === 'text'}
        // GOV.UK asks for a text input with a numeric keyboard rather than type="number".
        inputMode={field.kind === 'number' ? (field.integer ? 'numeric' : 'decimal') : undefined}
        aria-describedby={describedBy(extra || field.hint ? hintId : undefined, hasError && errorId)}
      />
    </FormGroup>
  );
}

/** `options-appraisal` → "Options appraisal (options-appraisal)": the words, and the value the file holds. */
function optionLabel(value: string): string {
  const words = value.replace(/-/g, ' ');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
}

function SelectInput({
  field,
  name,
  value,
  options,
  empty,
  context,
}: {
  field: Field;
  name: string;
  value: string;
  options: Choice[];
  empty: string;
  context: FormContext;
}) {
  const id = fieldId(name);
  const errors = context.errors.get(name);
  const hasError = !!errors?.length;
  // A value the file holds that is not a choice (a slug with a typo) stays shown, with its problem.
  const all = value && !options.some((o) => o.value === value) ? [...options, { value, label: `${value} (not found)` }] : options;
  return (
    <FormGroup error={hasError}>
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        {labelOf(field)}
      </label>
      <Hint id={`${id}-hint`} field={field} />
      <ErrorMessages id={`${id}-error`} messages={errors} />
      <select
        className={`govuk-select${hasError ? ' govuk-select--error' : ''}`}
        id={id}
        name={name}
        defaultValue={value}
        aria-describedby={describedBy(field.hint && `${id}-hint`, hasError && `${id}-error`)}
      >
        <option value="">{empty}</option>
        {all.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FormGroup>
  );
}

function TagPicker({ field, name, value, context }: { field: Field; name: string; value: unknown; context: FormContext }) {
  const id = fieldId(name);
  const current = Array.isArray(value) ? value.map(String) : [];
  // The post's own tags first, in its order (a save keeps that order), then the others in use.
  const all = [...current, ...context.tags.filter((t) => !current.includes(t))];
  const errors = [...context.errors.entries()].filter(([path]) => path === name || path.startsWith(`${name}[`)).flatMap(([, messages]) => messages);
  const hasError = errors.length > 0;
  return (
    <FormGroup error={hasError}>
      <fieldset className="govuk-fieldset" id={id} aria-describedby={describedBy(`${id}-hint`, hasError && `${id}-error`)}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{labelOf(field)}</legend>
        <Hint id={`${id}-hint`} field={field} />
        <ErrorMessages id={`${id}-error`} messages={errors} />
        <div className="govuk-checkboxes govuk-checkboxes--small editor-tags">
          {all.map((tag, i) => (
            <div className="govuk-checkboxes__item" key={tag}>
              <input className="govuk-checkboxes__input" id={`${id}-${i}`} name={name} type="checkbox" value={tag} defaultChecked={current.includes(tag)} />
              <label className="govuk-label govuk-checkboxes__label" htmlFor={`${id}-${i}`}>
                {tag}
              </label>
            </div>
          ))}
        </div>
        <div className="govuk-form-group editor-new-tags">
          <label className="govuk-label" htmlFor={`${id}-new`}>
            New topics, separated by commas
          </label>
          <input className="govuk-input govuk-input--width-30" id={`${id}-new`} name={newTagsName(name)} type="text" spellCheck={false} defaultValue="" />
        </div>
      </fieldset>
    </FormGroup>
  );
}

function GroupInput({ field, name, value, context }: { field: Extract<Field, { kind: 'group' }>; name: string; value: unknown; context: FormContext }) {
  const id = fieldId(name);
  const errors = context.errors.get(name);
  const hasError = !!errors?.length;
  if (!field.repeatable) {
    return (
      <FormGroup error={hasError}>
        <fieldset className="govuk-fieldset editor-group" id={id} aria-describedby={describedBy(field.hint && `${id}-hint`, hasError && `${id}-error`)}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{labelOf(field)}</legend>
          <Hint id={`${id}-hint`} field={field} />
          <ErrorMessages id={`${id}-error`} messages={errors} />
          <FieldInputs fields={field.fields} values={(value ?? {}) as Values} prefix={name} context={context} />
        </fieldset>
      </FormGroup>
    );
  }
  const items = Array.isArray(value) ? (value as Values[]) : [];
  return (
    <FormGroup error={hasError}>
      <fieldset className="govuk-fieldset editor-list" id={id} aria-describedby={describedBy(field.hint && `${id}-hint`, hasError && `${id}-error`)}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">{labelOf(field)}</legend>
        <Hint id={`${id}-hint`} field={field} />
        <ErrorMessages id={`${id}-error`} messages={errors} />
        <input type="hidden" name={countName(name)} value={items.length} />
        {items.map((item, index) => {
          const itemName = fieldName(name, index);
          const itemId = fieldId(itemName);
          const itemErrors = context.errors.get(itemName);
          return (
            <fieldset className="govuk-fieldset editor-item" id={itemId} key={index}>
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
                {field.itemLabel} {index + 1}
              </legend>
              <ErrorMessages id={`${itemId}-error`} messages={itemErrors} />
              <FieldInputs fields={field.fields} values={(item ?? {}) as Values} prefix={itemName} context={context} />
              {items.length > field.minItems && (
                <button
                  type="submit"
                  className="govuk-button govuk-button--secondary editor-remove"
                  name="editor-action"
                  value={`remove:${itemName}`}
                  formNoValidate
                >
                  Remove {field.itemLabel.toLowerCase()} {index + 1}
                </button>
              )}
            </fieldset>
          );
        })}
        <button type="submit" className="govuk-button govuk-button--secondary" name="editor-action" value={`add:${name}`} formNoValidate>
          {items.length === 0 ? 'Add' : 'Add another'} {field.itemLabel.toLowerCase()}
        </button>
      </fieldset>
    </FormGroup>
  );
}

export function FieldInputs({ fields, values, prefix = '', context }: { fields: readonly Field[]; values: Values; prefix?: string; context: FormContext }) {
  return (
    <>
      {fields.map((field) => (
        <FieldInput key={field.key} field={field} name={fieldName(prefix, field.key)} value={values[field.key]} context={context} />
      ))}
    </>
  );
}
