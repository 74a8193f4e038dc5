/**
 * Kubernetes CEL format library (library/format.go): `format.<name>()` or `format.named(name)`,
 * then `.validate(s)`, which is optional.none() for a valid string, else optional.of(errors)
 * with the apimachinery validation messages.
 */
import { type CelFunc, CelScalar, celFunc, celMethod } from "@bufbuild/cel";
import { opaque, unwrap } from "./opaque.ts";
import { optionalNone, optionalOf } from "./optional.ts";
import { parseUrl } from "./url.ts";

const LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const SUBDOMAIN = `${LABEL}(\\.${LABEL})*`;
const DNS1035 = "[a-z]([-a-z0-9]*[a-z0-9])?";
const QNAME = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const whole = (re: string) => new RegExp(`^${re}$`);

const maxLen = (n: number) => `must be no more than ${n} characters`;

function regexCheck(s: string, re: string, max: number, what: string, example: string): string[] {
  const errs: string[] = [];
  if (s.length > max) errs.push(maxLen(max));
  if (!whole(re).test(s)) errs.push(`${what} (e.g. ${example}, regex used for validation is '${re}')`);
  return errs;
}

const dns1123Label = (s: string) =>
  regexCheck(
    s,
    LABEL,
    63,
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
    "'my-name',  or '123-abc'",
  );
const dns1123Subdomain = (s: string) =>
  regexCheck(
    s,
    SUBDOMAIN,
    253,
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
    "'example.com'",
  );
const dns1035Label = (s: string) =>
  regexCheck(
    s,
    DNS1035,
    63,
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
    "'my-name',  or 'abc-123'",
  );
/** The *Prefix formats accept a trailing '-' (a generateName prefix). */
const prefixed = (f: (s: string) => string[]) => (s: string) => f(s.endsWith("-") ? `${s.slice(0, -1)}a` : s);

function qualifiedName(s: string): string[] {
  const parts = s.split("/");
  const errs: string[] = [];
  let name = s;
  if (parts.length === 2) {
    [, name] = parts;
    if (parts[0].length === 0) errs.push("prefix part must be non-empty");
    else errs.push(...dns1123Subdomain(parts[0]).map((e) => `prefix part ${e}`));
  } else if (parts.length > 2) {
    return [
      `a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '${QNAME}') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errs.push("name part must be non-empty");
  else if (name.length > 63) errs.push(`name part ${maxLen(63)}`);
  if (name.length && !whole(QNAME).test(name))
    errs.push(
      `name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '${QNAME}')`,
    );
  return errs;
}

function labelValue(s: string): string[] {
  const errs: string[] = [];
  if (s.length > 63) errs.push(maxLen(63));
  if (!whole(`(${QNAME})?`).test(s))
    errs.push(
      `a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(${QNAME})?')`,
    );
  return errs;
}

const check = (ok: (s: string) => boolean, message: string) => (s: string) => (ok(s) ? [] : [message]);
const validDate = (s: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) &&
  !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
  new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

export const FORMATS: Record<string, (s: string) => string[]> = {
  dns1123Label,
  dns1123Subdomain,
  dns1035Label,
  qualifiedName,
  dns1123LabelPrefix: prefixed(dns1123Label),
  dns1123SubdomainPrefix: prefixed(dns1123Subdomain),
  dns1035LabelPrefix: prefixed(dns1035Label),
  labelValue,
  uri: check((s) => {
    try {
      parseUrl(s);
      return true;
    } catch {
      return false;
    }
  }, "invalid URI"),
  uuid: check(
    (s) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(s),
    "does not match the UUID format",
  ),
  byte: check(
    (s) => /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(s),
    "invalid base64",
  ),
  date: check(validDate, "invalid date"),
  datetime: check(
    (s) =>
      /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(s) &&
      validDate(s.slice(0, 10)) &&
      !Number.isNaN(Date.parse(s)),
    "invalid datetime",
  ),
};

const F = CelScalar.DYN;

export const formatFuncs: CelFunc[] = [
  ...Object.keys(FORMATS).map((name) => celFunc(`format.${name}`, [], F, () => opaque("format", name))),
  celFunc("format.named", [CelScalar.STRING], F, (name) =>
    name in FORMATS ? optionalOf(opaque("format", name) as never) : optionalNone(),
  ),
  celMethod("validate", F, [CelScalar.STRING], F, function (s) {
    const errs = FORMATS[unwrap("format", this, "validate")](s);
    return errs.length ? optionalOf(errs as never) : optionalNone();
  }),
];
