import Foundation
import _CZlib

/// The entries of a ZIP archive (the container of an `.xlsx` workbook), read defensively: every
/// offset and size is checked against the file before it is used, a part is inflated with a limit on
/// its output, and a damaged or truncated stream is an error, never a loop or a read past a buffer.
///
/// Why not ZIPFoundation's reader: on Linux its inflate loop asks for more input for ever once a
/// damaged stream's bytes are used up (seen: a workbook with four bytes flipped hung the process),
/// tells zlib a chunk is larger than it is, and its in-memory archive traps on an offset past the
/// end. ZIPFoundation still writes workbooks (``WorkbookWriter``), where the input is our own.
///
/// Only what `.xlsx` files use is read: stored and deflated entries, no encryption, no ZIP64.
struct ZipReader {
    struct Failure: Error { var reason: String }

    /// Where an entry's data is and how it is stored.
    struct Entry {
        var method: UInt16
        var compressedSize: Int
        var uncompressedSize: Int
        var localHeaderOffset: Int
        var checksum: UInt32
    }

    let bytes: [UInt8]
    /// Entries by path.
    let entries: [String: Entry]

    /// Reads the central directory of the archive `bytes`.
    init(bytes: [UInt8]) throws(Failure) {
        self.bytes = bytes
        let end = try Self.endOfCentralDirectory(bytes)
        let count = Int(Self.uint16(bytes, end + 10)), size = Int(Self.uint32(bytes, end + 12))
        let start = Int(Self.uint32(bytes, end + 16))
        guard start + size <= end else { throw Failure(reason: "a central directory outside the file") }
        var entries: [String: Entry] = [:]
        var at = start
        for _ in 0..<count {
            guard at + 46 <= end, Self.uint32(bytes, at) == 0x0201_4B50 else { throw Failure(reason: "a damaged central directory") }
            let nameLength = Int(Self.uint16(bytes, at + 28))
            let extraLength = Int(Self.uint16(bytes, at + 30)), commentLength = Int(Self.uint16(bytes, at + 32))
            guard at + 46 + nameLength <= end else { throw Failure(reason: "a damaged central directory") }
            let name = String(decoding: bytes[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
            entries[name] = Entry(method: Self.uint16(bytes, at + 10), compressedSize: Int(Self.uint32(bytes, at + 20)),
                                  uncompressedSize: Int(Self.uint32(bytes, at + 24)),
                                  localHeaderOffset: Int(Self.uint32(bytes, at + 42)), checksum: Self.uint32(bytes, at + 16))
            if Self.uint16(bytes, at + 8) & 1 != 0 { throw Failure(reason: "an encrypted workbook (save it without a password)") }
            at += 46 + nameLength + extraLength + commentLength
        }
        self.entries = entries
    }

    /// The inflated bytes of entry `path`, at most `limit` of them.
    func data(_ path: String, limit: Int) throws(Failure) -> [UInt8]? {
        guard let entry = entries[path] else { return nil }
        let header = entry.localHeaderOffset
        guard header + 30 <= bytes.count, Self.uint32(bytes, header) == 0x0403_4B50 else {
            throw Failure(reason: "a damaged entry `\(path)`")
        }
        let start = header + 30 + Int(Self.uint16(bytes, header + 26)) + Int(Self.uint16(bytes, header + 28))
        guard start + entry.compressedSize <= bytes.count else { throw Failure(reason: "a truncated entry `\(path)`") }
        let compressed = bytes[start..<(start + entry.compressedSize)]
        let data: [UInt8]
        switch entry.method {
        case 0:
            guard compressed.count <= limit else { throw Failure(reason: "an entry `\(path)` larger than \(limit >> 20) MiB") }
            data = Array(compressed)
        case 8:
            data = try Self.inflate(Array(compressed), limit: limit, path: path)
        default:
            throw Failure(reason: "an entry `\(path)` compressed with method \(entry.method) (only stored and deflated are read)")
        }
        // The checksum catches damage that still inflates (a flipped byte in a stored part, say).
        let checksum = data.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, UInt32($0.count))) }
        guard checksum == entry.checksum else { throw Failure(reason: "a damaged entry `\(path)` (its checksum does not match)") }
        return data
    }

    /// Raw deflate → bytes, refusing more than `limit` bytes of output and a stream that ends early.
    static func inflate(_ input: [UInt8], limit: Int, path: String) throws(Failure) -> [UInt8] {
        // zlib keeps a pointer back to its stream: the stream must stay at one address.
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deallocate() }
        guard eduplan_inflate_init_raw(stream) == Z_OK else { throw Failure(reason: "zlib could not start") }
        defer { inflateEnd(stream) }
        let source = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(input.count, 1))
        defer { source.deallocate() }
        _ = source.initialize(from: input)
        let target = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 1 << 16)
        defer { target.deallocate() }
        stream.pointee.next_in = source.baseAddress
        stream.pointee.avail_in = UInt32(input.count)
        var output: [UInt8] = []
        var status = Z_OK
        while status == Z_OK {
            stream.pointee.next_out = target.baseAddress
            stream.pointee.avail_out = UInt32(target.count)
            status = _CZlib.inflate(stream, Z_NO_FLUSH)
            let produced = target.count - Int(stream.pointee.avail_out)
            guard output.count + produced <= limit else { status = Z_MEM_ERROR; break }
            output += target[0..<produced]
            // No input left and nothing made: the stream ended before its end marker.
            if status == Z_OK, stream.pointee.avail_in == 0, produced == 0 { status = Z_DATA_ERROR }
        }
        switch status {
        case Z_STREAM_END: return output
        case Z_MEM_ERROR: throw Failure(reason: "an entry `\(path)` larger than \(limit >> 20) MiB once inflated")
        default: throw Failure(reason: "a damaged entry `\(path)` (its compressed data does not inflate)")
        }
    }

    /// The offset of the end-of-central-directory record (searched from the end, past a comment).
    static func endOfCentralDirectory(_ bytes: [UInt8]) throws(Failure) -> Int {
        guard bytes.count >= 22 else { throw Failure(reason: "too short") }
        var at = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 65_535)
        while at >= lowest {
            if uint32(bytes, at) == 0x0605_4B50 { return at }
            at -= 1
        }
        throw Failure(reason: "no ZIP directory")
    }

    static func uint16(_ bytes: [UInt8], _ at: Int) -> UInt16 { UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8 }

    static func uint32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
    }
}
