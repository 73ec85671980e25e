/**
 * Reads what the dynamic loader needs from an ELF file: its interpreter (PT_INTERP), the libraries
 * it needs (DT_NEEDED) and where it says to look for them (DT_RPATH, DT_RUNPATH), from the program
 * headers and the dynamic section. 32 and 64 bits, either byte order. No section headers are read:
 * the loader does not read them either, and stripped files may lack them.
 */

export interface ElfFacts {
  bits: 32 | 64;
  /** e_machine: 62 x86-64, 183 AArch64, 3 i386, 40 ARM, 243 RISC-V, 21 PowerPC 64, 22 s390. */
  machine: number;
  /** The program interpreter (the dynamic loader), absent in static programs and most libraries. */
  interpreter?: string;
  needed: string[];
  rpath: string[];
  runpath: string[];
}

const PT_LOAD = 1;
const PT_DYNAMIC = 2;
const PT_INTERP = 3;
const DT_NEEDED = 1;
const DT_STRTAB = 5;
const DT_RPATH = 15;
const DT_RUNPATH = 29;

export function isElf(data: Uint8Array): boolean {
  return data.length >= 4 && data[0] === 0x7f && data[1] === 0x45 && data[2] === 0x4c && data[3] === 0x46;
}

/** The facts of an ELF file, or undefined when the data is not ELF or is cut short. */
export function readElf(data: Uint8Array): ElfFacts | undefined {
  if (!isElf(data) || data.length < 52) return undefined;
  const bits = data[4] === 2 ? 64 : data[4] === 1 ? 32 : undefined;
  const little = data[5] === 1 ? true : data[5] === 2 ? false : undefined;
  if (bits === undefined || little === undefined) return undefined;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const inRange = (offset: number, length: number) => offset >= 0 && offset + length <= data.length;
  const u16 = (o: number) => view.getUint16(o, little);
  const u32 = (o: number) => view.getUint32(o, little);
  const word = (o: number) => (bits === 64 ? Number(view.getBigUint64(o, little)) : u32(o));
  const machine = u16(18);
  const phoff = bits === 64 ? word(32) : u32(28);
  const phentsize = u16(bits === 64 ? 54 : 42);
  const phnum = u16(bits === 64 ? 56 : 44);
  if (phentsize === 0 || !inRange(phoff, phentsize * phnum)) return undefined;

  interface Segment {
    type: number;
    offset: number;
    vaddr: number;
    filesz: number;
  }
  const segments: Segment[] = [];
  for (let i = 0; i < phnum; i++) {
    const p = phoff + i * phentsize;
    if (bits === 64) {
      segments.push({ type: u32(p), offset: word(p + 8), vaddr: word(p + 16), filesz: word(p + 32) });
    } else {
      segments.push({ type: u32(p), offset: u32(p + 4), vaddr: u32(p + 8), filesz: u32(p + 16) });
    }
  }
  const facts: ElfFacts = { bits, machine, needed: [], rpath: [], runpath: [] };
  const cString = (offset: number): string | undefined => {
    if (!inRange(offset, 1)) return undefined;
    let end = offset;
    while (end < data.length && data[end] !== 0) end++;
    return new TextDecoder().decode(data.subarray(offset, end));
  };
  const interp = segments.find((s) => s.type === PT_INTERP);
  if (interp && inRange(interp.offset, interp.filesz)) facts.interpreter = cString(interp.offset);

  const dynamic = segments.find((s) => s.type === PT_DYNAMIC);
  if (!dynamic || !inRange(dynamic.offset, dynamic.filesz)) return facts;
  const entrySize = bits === 64 ? 16 : 8;
  const entries: [number, number][] = [];
  for (let o = dynamic.offset; o + entrySize <= dynamic.offset + dynamic.filesz; o += entrySize) {
    const tag = bits === 64 ? Number(view.getBigInt64(o, little)) : view.getInt32(o, little);
    const value = bits === 64 ? word(o + 8) : u32(o + 4);
    if (tag === 0) break;
    entries.push([tag, value]);
  }
  const strtabAddress = entries.find(([tag]) => tag === DT_STRTAB)?.[1];
  if (strtabAddress === undefined) return facts;
  // DT_STRTAB is an address in memory; the PT_LOAD segment that holds it says where it is in the file.
  const load = segments.find(
    (s) => s.type === PT_LOAD && strtabAddress >= s.vaddr && strtabAddress < s.vaddr + s.filesz,
  );
  const strtab = load ? strtabAddress - load.vaddr + load.offset : strtabAddress;
  for (const [tag, value] of entries) {
    const text = tag === DT_NEEDED || tag === DT_RPATH || tag === DT_RUNPATH ? cString(strtab + value) : undefined;
    if (text === undefined) continue;
    if (tag === DT_NEEDED) facts.needed.push(text);
    else if (tag === DT_RPATH) facts.rpath.push(...text.split(':').filter((p) => p !== ''));
    else facts.runpath.push(...text.split(':').filter((p) => p !== ''));
  }
  return facts;
}

/** Debian's multiarch folder name for a machine (where its libraries live under /lib and /usr/lib). */
export function multiarchTriplet(machine: number, bits: 32 | 64): string | undefined {
  switch (machine) {
    case 62:
      return bits === 64 ? 'x86_64-linux-gnu' : 'x86_64-linux-gnux32';
    case 3:
      return 'i386-linux-gnu';
    case 183:
      return 'aarch64-linux-gnu';
    case 40:
      return 'arm-linux-gnueabihf';
    case 243:
      return 'riscv64-linux-gnu';
    case 21:
      return 'powerpc64le-linux-gnu';
    case 22:
      return 's390x-linux-gnu';
    default:
      return undefined;
  }
}
