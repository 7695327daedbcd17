// Binary-safe framing of contract messages over HTTP: JSON with every Uint8Array lifted out into a blob section,
// so Arrow IPC bytes travel without base64.
// Layout: u32 JSON length | JSON (UTF-8) | u32 blob count | u32 length per blob | blobs. All little-endian.
const MARK = '__cws_bin';

export function encodeWire(value: unknown): Uint8Array {
  const blobs: Uint8Array[] = [];
  const json = JSON.stringify(value, (_k, v) => {
    if (v instanceof Uint8Array) {
      blobs.push(v);
      return { [MARK]: blobs.length - 1 };
    }
    return typeof v === 'bigint' ? Number(v) : v;
  });
  const head = new TextEncoder().encode(json);
  const tableBytes = 4 + blobs.length * 4;
  const out = new Uint8Array(4 + head.length + tableBytes + blobs.reduce((n, b) => n + b.length, 0));
  const view = new DataView(out.buffer);
  view.setUint32(0, head.length, true);
  out.set(head, 4);
  let offset = 4 + head.length;
  view.setUint32(offset, blobs.length, true);
  blobs.forEach((b, i) => view.setUint32(offset + 4 + i * 4, b.length, true));
  offset += tableBytes;
  for (const b of blobs) {
    out.set(b, offset);
    offset += b.length;
  }
  return out;
}

export function decodeWire<T = unknown>(bytes: Uint8Array): T {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headLength = view.getUint32(0, true);
  const json = new TextDecoder().decode(bytes.subarray(4, 4 + headLength));
  let offset = 4 + headLength;
  const count = view.getUint32(offset, true);
  const lengths = Array.from({ length: count }, (_, i) => view.getUint32(offset + 4 + i * 4, true));
  offset += 4 + count * 4;
  const blobs = lengths.map((len) => {
    const b = bytes.slice(offset, offset + len);
    offset += len;
    return b;
  });
  return JSON.parse(json, (_k, v) => (v && typeof v === 'object' && MARK in v ? blobs[v[MARK] as number] : v)) as T;
}
