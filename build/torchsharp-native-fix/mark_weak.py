#!/usr/bin/env python3
"""Relax one GLIBCXX version need of an ELF64 shared library, in place.

Marks the version need (e.g. GLIBCXX_3.4.32) weak, so the dynamic loader does not refuse the
library when libstdc++ lacks that version, and clears the version of every dynamic symbol bound
to it, so those symbols resolve to any definition (our shim's). Refuses unless every such symbol
is one the shim defines. ELF layout: System V gABI, "Symbol Versioning" (LSB Core, ch. 10.7).
"""
import struct
import sys

SHT_GNU_VERNEED = 0x6FFFFFFE
SHT_GNU_VERSYM = 0x6FFFFFFF
SHT_DYNSYM = 11
VER_FLG_WEAK = 0x2
VER_NDX_GLOBAL = 1


def c_string(data, offset):
    end = data.index(b"\0", offset)
    return data[offset:end].decode()


def main(path, version, allowed_symbols):
    data = bytearray(open(path, "rb").read())
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        sys.exit(f"{path}: not a little-endian ELF64 file")
    e_shoff, = struct.unpack_from("<Q", data, 0x28)
    e_shentsize, e_shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = []
    for i in range(e_shnum):
        name, sh_type, _, _, offset, size, link, _, _, entsize = struct.unpack_from(
            "<IIQQQQIIQQ", data, e_shoff + i * e_shentsize)
        sections.append((sh_type, offset, size, link, entsize))

    def first(sh_type):
        found = [s for s in sections if s[0] == sh_type]
        if not found:
            sys.exit(f"{path}: no section of type {sh_type:#x}")
        return found[0]

    verneed = first(SHT_GNU_VERNEED)
    strtab = sections[verneed[3]]
    index = None
    entry = verneed[1]
    while True:
        _, cnt, _, aux, nxt = struct.unpack_from("<HHIII", data, entry)
        aux_at = entry + aux
        for _ in range(cnt):
            _, flags, other, name, aux_next = struct.unpack_from("<IHHII", data, aux_at)
            if c_string(data, strtab[1] + name) == version:
                struct.pack_into("<H", data, aux_at + 4, flags | VER_FLG_WEAK)
                index = other
            aux_at += aux_next
        if nxt == 0:
            break
        entry += nxt
    if index is None:
        print(f"{path}: needs no {version}; nothing to do")
        return

    dynsym = first(SHT_DYNSYM)
    dynstr = sections[dynsym[3]]
    versym = first(SHT_GNU_VERSYM)
    cleared = []
    for i in range(dynsym[2] // dynsym[4]):
        at = versym[1] + 2 * i
        ver, = struct.unpack_from("<H", data, at)
        if ver & 0x7FFF == index:
            name, = struct.unpack_from("<I", data, dynsym[1] + i * dynsym[4])
            symbol = c_string(data, dynstr[1] + name)
            if symbol not in allowed_symbols:
                sys.exit(f"{path}: {symbol} needs {version} and the shim does not define it")
            struct.pack_into("<H", data, at, VER_NDX_GLOBAL)
            cleared.append(symbol)
    open(path, "wb").write(data)
    print(f"{path}: {version} marked weak; version cleared on {', '.join(cleared) or 'no symbol'}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], set(sys.argv[3:]))
