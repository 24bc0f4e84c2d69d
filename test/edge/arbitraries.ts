import fc from 'fast-check';

/**
 * fast-check arbitraries for hostile mutation inputs (not a test file itself). A valid input is
 * taken apart at up to three positions: a field or a whole object goes missing or becomes a hostile value; sometimes
 * extra fields a client must not control (an amount, preOrderPaymentData) are slipped in, or the
 * whole input is replaced. Bounded so that one body stays under MAX_BODY_BYTES (64 KiB).
 */

const CONTROL = [
  '\u0000',
  '\u0007',
  '\b',
  '\t',
  '\n',
  '\r',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u2028',
  '\u202e',
  '\ufeff',
];

const controlString = fc.string({ unit: fc.constantFrom(...CONTROL, 'a', ' '), minLength: 1, maxLength: 40 });
const unicodeString = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('Zoë Ångström', '山田 太郎', 'مرحبا', '👩‍👩‍👧‍👦💳', '\ud800', 'e\u0301\u0301\u0301', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢'),
);
const injectionString = fc.constantFrom(
  "' OR '1'='1",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a Log4Shell probe string, not a template.
  '${jndi:ldap://x}',
  '{{7*7}}',
  '%00',
  '__proto__',
  'constructor',
  'gopher://example.invalid/',
);
const hugeString = fc.integer({ min: 2_000, max: 15_000 }).map((length) => 'x'.repeat(length));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constant(''),
  fc.constant('   '),
  fc.string({ maxLength: 30 }),
  controlString,
  unicodeString,
  injectionString,
  hugeString,
);

export const absurdNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.constantFrom(
    -1,
    0,
    -2147483649,
    2147483648,
    Number.MAX_SAFE_INTEGER,
    -Number.MAX_SAFE_INTEGER,
    1e308,
    -1e308,
    5e-324,
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Values of a JSON type the field does not have, or JSON that means nothing here. */
export const wrongTyped: fc.Arbitrary<unknown> = fc.oneof(
  absurdNumber,
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
);

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(hostileString, wrongTyped);

type Path = readonly (string | number)[];
export type Edit = { readonly path: Path; readonly value?: unknown; readonly remove: boolean };

/** Every position in a value: whole objects and lists as well as their scalars (the root excluded). */
function positions(value: unknown, path: Path = []): Path[] {
  const here = path.length > 0 ? [path] : [];
  if (Array.isArray(value)) return [...here, ...value.flatMap((item, index) => positions(item, [...path, index]))];
  if (value !== null && typeof value === 'object')
    return [...here, ...Object.entries(value).flatMap(([key, item]) => positions(item, [...path, key]))];
  return here;
}

function applyEdit(root: unknown, edit: Edit): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let parent: Record<string | number, unknown> | undefined = copy;
  for (const key of edit.path.slice(0, -1)) parent = parent?.[key] as Record<string | number, unknown> | undefined;
  const last = edit.path.at(-1);
  if (!parent || typeof parent !== 'object' || last === undefined) return copy;
  if (edit.remove) delete parent[last];
  else parent[last] = edit.value;
  return copy;
}

/** Fields that exist nowhere in the schema's inputs: a client trying to choose the amount or the provider data. */
const smuggled = fc.record(
  {
    amount: fc.oneof(absurdNumber, fc.record({ amount: absurdNumber, currency: fc.constantFrom('EUR', 'JPY', 'XXX') })),
    preOrderPaymentData: fc.oneof(fc.jsonValue({ maxDepth: 3 }), hostileString, fc.constant({ transactionId: '' })),
    totals: fc.record({ grandTotal: absurdNumber, priceToPay: absurdNumber }),
  },
  { requiredKeys: [] },
);

/** A valid input with up to three hostile edits, smuggled fields, or (rarely) no input at all. */
export function hostileInput(
  valid: Record<string, unknown>,
  extra: fc.Arbitrary<Edit> = fc.constant({ path: [], remove: false }),
): fc.Arbitrary<unknown> {
  // `extra`: edits specific to one input (e.g. many shipments); an empty path is no edit.
  const paths = positions(valid);
  const edit: fc.Arbitrary<Edit> = fc.record({
    path: fc.constantFrom(...paths),
    value: hostileValue,
    remove: fc.boolean(),
  });
  const edited = fc
    .tuple(
      fc.array(fc.oneof(edit, extra), { minLength: 0, maxLength: 3 }),
      fc.oneof({ arbitrary: fc.constant(null), weight: 6 }, { arbitrary: smuggled, weight: 1 }),
    )
    .map(([edits, smuggle]) => {
      const input = edits.filter((e) => e.path.length > 0).reduce<unknown>((acc, e) => applyEdit(acc, e), valid);
      return smuggle && input !== null && typeof input === 'object' ? { ...input, ...smuggle } : input;
    });
  return fc.oneof(
    { arbitrary: edited, weight: 12 },
    { arbitrary: fc.constant(valid), weight: 3 },
    { arbitrary: hostileValue, weight: 1 },
  );
}
