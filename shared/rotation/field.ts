/**
 * Finite fields GF(p^m), small enough for seating (a few thousand elements at most): elements are
 * the numbers 0 .. q-1 read as polynomials over GF(p) with m digits base p, multiplied modulo an
 * irreducible polynomial found by trial division. Addition and multiplication come as tables.
 */
export interface Field {
  q: number;
  add: (a: number, b: number) => number;
  mul: (a: number, b: number) => number;
}

/** The field with q elements, or null when q is not a prime power. */
export function field(q: number): Field | null {
  const pm = primePower(q);
  if (!pm) return null;
  const [p, m] = pm;
  const digits = (x: number) => Array.from({ length: m }, (_, i) => Math.floor(x / p ** i) % p);
  const number = (d: readonly number[]) => d.reduce((acc, v, i) => acc + v * p ** i, 0);
  const modulus = irreducible(p, m);
  const addTable = new Int32Array(q * q);
  const mulTable = new Int32Array(q * q);
  for (let a = 0; a < q; a++) {
    const da = digits(a);
    for (let b = 0; b < q; b++) {
      const db = digits(b);
      addTable[a * q + b] = number(da.map((v, i) => (v + db[i]!) % p));
      // Schoolbook product, then reduced modulo the (monic) irreducible polynomial.
      const prod = new Array<number>(2 * m - 1).fill(0);
      for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) prod[i + j] = (prod[i + j]! + da[i]! * db[j]!) % p;
      for (let k = prod.length - 1; k >= m; k--) {
        const c = prod[k]!;
        if (!c) continue;
        for (let i = 0; i <= m; i++) prod[k - m + i] = (((prod[k - m + i]! - c * modulus[i]!) % p) + p) % p;
      }
      mulTable[a * q + b] = number(prod.slice(0, m));
    }
  }
  return { q, add: (a, b) => addTable[a * q + b]!, mul: (a, b) => mulTable[a * q + b]! };
}

function primePower(q: number): [number, number] | null {
  if (q < 2) return null;
  for (let p = 2; p * p <= q; p++) {
    if (q % p) continue;
    let m = 0;
    let x = q;
    while (x % p === 0) {
      x /= p;
      m++;
    }
    return x === 1 ? [p, m] : null;
  }
  return [q, 1];
}

/** A monic irreducible polynomial of degree m over GF(p), coefficients lowest first (m + 1 of them). */
function irreducible(p: number, m: number): number[] {
  if (m === 1) return [0, 1];
  for (let code = 0; code < p ** m; code++) {
    const f = [...Array.from({ length: m }, (_, i) => Math.floor(code / p ** i) % p), 1];
    if (f[0] === 0) continue;
    let reducible = false;
    for (let d = 1; d <= m / 2 && !reducible; d++) {
      for (let g = 0; g < p ** d && !reducible; g++) {
        const divisor = [...Array.from({ length: d }, (_, i) => Math.floor(g / p ** i) % p), 1];
        if (remainderIsZero(f, divisor, p)) reducible = true;
      }
    }
    if (!reducible) return f;
  }
  throw new Error(`no irreducible polynomial of degree ${m} over GF(${p})`);
}

function remainderIsZero(f: readonly number[], g: readonly number[], p: number): boolean {
  const r = [...f];
  const d = g.length - 1;
  for (let k = r.length - 1; k >= d; k--) {
    const c = r[k]!;
    if (!c) continue;
    for (let i = 0; i <= d; i++) r[k - d + i] = (((r[k - d + i]! - c * g[i]!) % p) + p) % p;
  }
  return r.slice(0, d).every((x) => x === 0);
}
