import { gzipSync } from "node:zlib";

/**
 * A gzip'd tar archive shaped like GitHub's `tarball` endpoint: a pax global header carrying the
 * commit id, then every file under `<prefix>/`, long paths in pax extended headers.
 */
export function tarball(
  prefix: string,
  files: Readonly<Record<string, string | Buffer>>,
  commit = "0".repeat(40),
): Buffer {
  const blocks: Buffer[] = [entry("pax_global_header", "g", paxData({ comment: commit }))];
  blocks.push(entry(`${prefix}/`, "5", Buffer.alloc(0)));
  for (const [path, content] of Object.entries(files)) {
    const name = `${prefix}/${path}`;
    const data = typeof content === "string" ? Buffer.from(content, "utf8") : content;
    if (Buffer.byteLength(name) > 100) blocks.push(entry("PaxHeader", "x", paxData({ path: name })));
    blocks.push(entry(name.slice(0, 100), "0", data));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

function entry(name: string, type: string, data: Buffer): Buffer {
  const header = Buffer.alloc(512);
  header.write(name.slice(0, 100), 0, "utf8");
  header.write("0000644\0", 100, "latin1");
  header.write("0000000\0", 108, "latin1");
  header.write("0000000\0", 116, "latin1");
  header.write(`${data.length.toString(8).padStart(11, "0")}\0`, 124, "latin1");
  header.write("00000000000\0", 136, "latin1");
  header.write("        ", 148, "latin1");
  header.write(type, 156, "latin1");
  header.write("ustar\0", 257, "latin1");
  header.write("00", 263, "latin1");
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, "latin1");
  const padding = Buffer.alloc((512 - (data.length % 512)) % 512);
  return Buffer.concat([header, data, padding]);
}

function paxData(records: Record<string, string>): Buffer {
  return Buffer.from(
    Object.entries(records)
      .map(([key, value]) => {
        const body = ` ${key}=${value}\n`;
        let length = Buffer.byteLength(body) + 1;
        while (String(length).length + Buffer.byteLength(body) !== length) length++;
        return `${length}${body}`;
      })
      .join(""),
    "utf8",
  );
}
