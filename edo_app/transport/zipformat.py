"""The ZIP records that zipwrite writes and zipread reads (PKWARE APPNOTE 4.3.7, 4.3.12, 4.3.16)."""

from __future__ import annotations

import struct

# local file header: signature, version needed, flags, method, time, date, CRC-32, compressed
# size, size, name length, extra length (then the name)
LOCAL = struct.Struct("<IHHHHHIIIHH")
# central directory record: signature, made by, version needed, flags, method, time, date, CRC-32,
# compressed size, size, name, extra and comment lengths, disk, internal and external attributes,
# offset of the local header (then the name)
CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
# end of central directory: signature, disk, disk of the directory, records on this disk, records,
# directory size, directory offset, comment length
END = struct.Struct("<IHHHHIIH")
LOCAL_SIG, CENTRAL_SIG, END_SIG = 0x04034B50, 0x02014B50, 0x06054B50
VERSION = 20  # 2.0: stored and deflate, all a package uses
STORED, DEFLATED = 0, 8  # compression methods
UTF8 = 0x800  # flag bit 11: the name is UTF-8
