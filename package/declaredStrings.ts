type Props = Record<string, unknown>;

/** Which inputs the schema types as strings: `string` ones, and `stringMap` ones whose values are. */
export interface StringShape {
  strings: readonly string[];
  stringMaps: readonly string[];
  /** Object-typed inputs, with the shape of their own properties. */
  objects?: Record<string, StringShape>;
}

/**
 * The inputs with each whole number given where the schema says string turned into its decimal form.
 *
 * pulumi-yaml reads a stack's config values as text and turns any that parses as a number into one
 * (pulumi-yaml pkg/server/server.go, Run: strconv.ParseInt, then ParseBool, ParseFloat; issues #577,
 * #602, #453), while its type check lets any type be given to a string property
 * (pkg/pulumiyaml/analyser.go, isTypeCompatible). So `caId: "25728700"` in Pulumi.<stack>.yaml,
 * used as `${caId}`, reaches the plugin as 25728700. Only a safe integer is turned back: its decimal
 * form is the text the user wrote (pulumi-yaml keeps `0…` as text). A fraction or a number too large
 * to be exact is left as it came, and refused by the field's rule (the text is lost, not guessed).
 */
export function withDeclaredStrings(inputs: Props, shape: StringShape): Props {
  if (inputs === null || typeof inputs !== "object" || Array.isArray(inputs)) return inputs;
  const result: Props = { ...inputs };
  for (const key of shape.strings) result[key] = decimal(result[key]);
  for (const key of shape.stringMaps) {
    const map = result[key];
    if (map !== null && typeof map === "object" && !Array.isArray(map))
      result[key] = Object.fromEntries(Object.entries(map).map(([k, v]) => [k, decimal(v)]));
  }
  for (const [key, inner] of Object.entries(shape.objects ?? {}))
    if (key in result) result[key] = withDeclaredStrings(result[key] as Props, inner);
  return result;
}

const decimal = (value: unknown): unknown =>
  typeof value === "number" && Number.isSafeInteger(value) ? String(value) : value;

/** The shape of a schema's property table (a model's inputs, lookups/model.ts): its string and stringMap keys. */
export function shapeOf(
  properties: Record<string, { type?: unknown }>,
  objects?: Record<string, StringShape>,
): StringShape {
  const typed = (type: string) => Object.keys(properties).filter((key) => properties[key].type === type);
  return { strings: typed("string"), stringMaps: typed("stringMap"), objects };
}
