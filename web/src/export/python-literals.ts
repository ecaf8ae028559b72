// Python literals for the exported script: numbers that read back bit for bit, arrays as one
// row per line while they are small, base64 float32 bytes once they are not.

// Arrays with more values than this are written as base64 (about 5.3 characters a value
// instead of up to 16, and one line per 76 characters instead of one per row).
export const kReadableValues = 2000;

// The shortest decimal that reads back as the same float32 through float64, the path both
// Python (float literal, then np.float32) and Math.fround take.
export function float32Literal(v: number): string {
  const f = Math.fround(v);
  if (Number.isNaN(f)) return 'float("nan")';
  if (!Number.isFinite(f)) return f > 0 ? 'float("inf")' : '-float("inf")';
  if (f === 0) return Object.is(f, -0) ? '-0.0' : '0.0';
  for (let digits = 1; digits <= 9; digits++) {
    const text = String(Number(f.toPrecision(digits)));
    if (Math.fround(Number(text)) === f) return pythonNumber(text);
  }
  return pythonNumber(String(f)); // unreachable: 9 significant digits always round-trip
}

// A float64 (a spec value) as Python writes it: the shortest text that reads back the same.
export function float64Literal(v: number): string {
  if (Number.isNaN(v)) return 'float("nan")';
  if (!Number.isFinite(v)) return v > 0 ? 'float("inf")' : '-float("inf")';
  return pythonNumber(String(v));
}

// JS number text to a Python float literal: 1 → 1.0, 1e-7 stays, 1e+21 → 1e21.
function pythonNumber(text: string): string {
  const t = text.replace('e+', 'e');
  return /[.e]/.test(t) || /inf|nan/i.test(t) ? t : `${t}.0`;
}

export function intLiteral(v: number): string {
  if (!Number.isInteger(v)) throw new Error(`not an integer: ${v}`);
  return String(v);
}

export type PyValue = number | boolean | string | readonly PyValue[] | { int: number };

// A config value: numbers as floats unless wrapped as { int }, lists, strings, booleans.
export function pyValue(v: PyValue): string {
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return float64Literal(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(pyValue).join(', ')}]`;
  return intLiteral((v as { int: number }).int);
}

// Lines of `name = <numpy array>` for a rows × cols row-major float32 matrix (cols = 0: a
// vector). Small ones: one row per line; large ones: base64 of the little-endian bytes.
export function float32ArrayLines(
  name: string,
  values: ArrayLike<number>,
  rows: number,
  cols: number,
  comment?: string,
): string[] {
  const out = comment ? [`# ${comment}`] : [];
  const count = cols > 0 ? rows * cols : rows;
  if (values.length !== count)
    throw new Error(`${name}: expected ${count} values, got ${values.length}`);
  if (count > kReadableValues) {
    // Built line by line: millions of values make too many lines for push(...lines).
    const shape = cols > 0 ? `(${rows}, ${cols})` : `(${rows},)`;
    out.push(`${name} = float32_array(  # ${shape}, base64 of little-endian float32`);
    for (const line of base64Lines(float32Bytes(values))) out.push(`    "${line}"`);
    out.push(`).reshape${shape}`);
    return out;
  }
  if (cols === 0) {
    out.push(`${name} = np.array(`);
    out.push(...wrapped(Array.from(values, float32Literal)));
    out.push('    dtype=np.float32,');
    out.push(')');
    return out;
  }
  out.push(`${name} = np.array(`);
  out.push('    [');
  for (let r = 0; r < rows; r++) {
    const row: string[] = [];
    for (let c = 0; c < cols; c++) row.push(float32Literal(values[r * cols + c]!));
    out.push(`        [${row.join(', ')}],`);
  }
  out.push('    ],');
  out.push('    dtype=np.float32,');
  out.push(')');
  if (rows === 0) out.push(`${name} = ${name}.reshape(0, ${cols})`);
  return out;
}

// `name = np.array([...], dtype=np.int64)` for class labels, wrapped near 100 characters.
export function intArrayLines(name: string, values: ArrayLike<number>, comment?: string): string[] {
  const out = comment ? [`# ${comment}`] : [];
  const items = Array.from(values, (v) => intLiteral(v));
  out.push(`${name} = np.array(`);
  out.push(...wrapped(items));
  out.push('    dtype=np.int64,');
  out.push(')');
  return out;
}

// Items in lines of at most ~100 characters, inside `[` and `],` lines.
function wrapped(items: string[]): string[] {
  const lines = ['    ['];
  let line = '';
  for (const item of items) {
    if (line && 8 + line.length + item.length + 1 > 100) {
      lines.push(`        ${line.trimEnd()}`);
      line = '';
    }
    line += `${item}, `;
  }
  if (line) lines.push(`        ${line.trimEnd()}`);
  lines.push('    ],');
  return lines;
}

export function float32Bytes(values: ArrayLike<number>): Uint8Array {
  const f = Float32Array.from(values);
  const bytes = new Uint8Array(f.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < f.length; i++) view.setFloat32(i * 4, f[i]!, true);
  return bytes;
}

// Standard base64 (RFC 4648, with padding) in lines of 76 characters: 57 bytes a line.
export function base64Lines(bytes: Uint8Array): string[] {
  const lines: string[] = [];
  for (let i = 0; i < bytes.length; i += 57) {
    lines.push(btoa(String.fromCharCode(...bytes.subarray(i, i + 57))));
  }
  return lines.length ? lines : [''];
}

// Text for a comment or a docstring line: no newlines, no triple quotes.
export function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/"""/g, '"');
}

// Text inside the module's docstring: one line, backslashes escaped (a docstring is a string).
export function docText(text: string): string {
  return oneLine(text).replace(/\\/g, '\\\\');
}

// Lines of text wrapped at `width`, each starting with `indent`.
export function wrapText(text: string, indent: string, width = 96): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && indent.length + line.length + 1 + w.length > width) {
      lines.push(`${indent}${line}`);
      line = '';
    }
    line += (line ? ' ' : '') + w;
  }
  if (line) lines.push(`${indent}${line}`);
  return lines;
}

// A call on one line when it fits in `width` columns, else one argument per line (as Black
// writes it). `tail` follows the closing parenthesis (a comma in a list).
export function pyCall(
  callee: string,
  args: readonly string[],
  indent: string,
  tail = '',
  width = 100,
): string[] {
  const one = `${indent}${callee}(${args.join(', ')})${tail}`;
  if (one.length <= width) return [one];
  return [`${indent}${callee}(`, ...args.map((a) => `${indent}    ${a},`), `${indent})${tail}`];
}
