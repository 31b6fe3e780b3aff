// Numbers for display, in the one format of the Script's texts (backprop/stepper/
// numbers.py): fixed point with `decimals` places, a tiny negative written without its
// sign ("0.00", not "-0.00"), and in parentheses after an operator. The numbers
// themselves are the engine's, sent by Python at full precision; this only rounds them.

export function fixed(x, decimals) {
  const text = pythonFixed(Number(x), decimals);
  return /^-[0.]*$/.test(text) ? text.slice(1) : text;
}

// Python's f"{x:.{d}f}": the double's exact value, rounded half to even. JavaScript's
// toFixed rounds an exact tie (0.125 to 2 places) up, Python to even (0.12); the boxes
// and the Script's texts must agree. toFixed(100) gives the exact decimal digits of
// any double that is not tiny (a tiny one rounds to 0 either way).
function pythonFixed(x, d) {
  if (!Number.isFinite(x) || Math.abs(x) >= 1e21) return x.toFixed(d);
  const exact = Math.abs(x).toFixed(100);
  const point = exact.indexOf(".");
  const kept = exact.slice(0, point) + exact.slice(point + 1, point + 1 + d);
  const rest = exact.slice(point + 1 + d);
  let n = BigInt(kept);
  const tie = /^50*$/.test(rest);
  if ((tie && n % 2n === 1n) || (!tie && rest[0] >= "5")) n += 1n;
  let digits = n.toString().padStart(d + 1, "0");
  digits = d ? `${digits.slice(0, -d)}.${digits.slice(-d)}` : digits;
  return (x < 0 || Object.is(x, -0) ? "-" : "") + digits;
}

export function operand(x, decimals) {
  const text = fixed(x, decimals);
  return text.startsWith("-") ? `(${text})` : text;
}

// The minus sign of typography (U+2212) for display: wider and easier to see in a talk.
export function pretty(text) {
  return String(text).replace(/(^|[\s(×=+])-(?=[\d.(])/g, "$1\u2212");
}
