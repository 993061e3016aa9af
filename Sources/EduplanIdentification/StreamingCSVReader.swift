import EduplanIO
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fast, streaming CSV reader working on bytes, for files of millions of rows.
///
/// It reads the file in 4 MiB blocks and hands out one record at a time; a field is a view into the
/// block (valid until the next call), so a numeric cell is never turned into a `String`. It reads
/// the CSV of PRODUCT.md: UTF-8 with an optional byte order mark, comma separated, LF or CRLF (or CR)
/// line ends, fields optionally quoted with `"` and a quote inside written `""`, line breaks allowed
/// inside quoted fields. Blank lines are skipped (and counted, so line numbers stay physical).
///
/// CSV.swift reads the same format but builds a `String` per field from `UnicodeScalar`s; on the 10
/// million-row student file that is the whole run (see Benchmarks/RESULTS-identification.md).
///
/// - Complexity: O(file size) time; O(block size + longest record) memory.
final class StreamingCSVReader {
    /// A problem with the text itself, reported at its place.
    struct SyntaxError: Error {
        var line: Int
        var column: Int
        var expected: String
        var found: String
    }

    private let descriptor: Int32
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Valid bytes are buffer[position..<filled].
    private var position = 0
    private var filled = 0
    private var endOfFile = false
    private var atStart = true

    /// Fields of the current record: [start, end) into `buffer`.
    private(set) var starts: [Int] = []
    private(set) var ends: [Int] = []
    /// The physical line the current record starts on (1-based).
    private(set) var line = 0
    /// The physical line the next record starts on.
    private var nextLine = 1

    let maximumRecord: Int
    let blockSize: Int

    /// Opens the regular file `path` for reading; nil when it cannot be opened or is not a
    /// regular file (a FIFO is refused, never waited on).
    /// - Parameters:
    ///   - blockSize: Bytes read at a time (tests use a few bytes, to cross block ends everywhere).
    ///   - maximumRecord: Longer records are an error (an unclosed quote would otherwise read the whole file).
    convenience init?(path: String, blockSize: Int = 4 << 20, maximumRecord: Int = 1 << 20) {
        guard let descriptor = try? InputFile.openDescriptor(path) else { return nil }
        self.init(descriptor: descriptor, blockSize: blockSize, maximumRecord: maximumRecord)
    }

    /// Reads from an open descriptor (from `InputFile.openDescriptor`), which it closes when done.
    init(descriptor fd: Int32, blockSize: Int = 4 << 20, maximumRecord: Int = 1 << 20) {
        descriptor = fd
        self.blockSize = blockSize
        self.maximumRecord = maximumRecord
        capacity = blockSize + maximumRecord
        buffer = .allocate(capacity: capacity)
        starts.reserveCapacity(64)
        ends.reserveCapacity(64)
    }

    deinit {
        close(descriptor)
        buffer.deallocate()
    }

    /// The number of fields of the current record.
    var count: Int { starts.count }

    /// The bytes of field `i` of the current record (valid until the next call to ``next()``).
    @inline(__always)
    func field(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: buffer + starts[i], count: ends[i] - starts[i])
    }

    /// Field `i` as text.
    func string(_ i: Int) -> String { String(decoding: field(i), as: UTF8.self) }

    /// Moves the unread bytes to the front and reads more; false at the end of the file.
    private func refill() throws(SyntaxError) -> Bool {
        guard !endOfFile else { return false }
        if position > 0 {
            let remaining = filled - position
            if remaining > 0 { memmove(buffer, buffer + position, remaining) }
            filled = remaining
            position = 0
        }
        guard filled < capacity else {
            throw SyntaxError(line: nextLine, column: 1,
                              expected: "records shorter than \(maximumRecord / 1024) KiB (a quoted field may be missing its closing quote)",
                              found: "a record longer than that")
        }
        var got = 0
        while filled < capacity {
            let n = read(descriptor, buffer + filled, min(capacity - filled, blockSize))
            if n < 0 {
                if errno == EINTR { continue }
                throw SyntaxError(line: nextLine, column: 1, expected: "a readable file", found: String(cString: strerror(errno)))
            }
            if n == 0 {
                endOfFile = true
                break
            }
            filled += n
            got += n
            if got >= blockSize, !(atStart && filled < 3) { break }  // the first read sees the whole byte order mark
        }
        if atStart {
            atStart = false
            if filled >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { position = 3 }
        }
        return got > 0
    }

    /// Reads the next record; false at the end of the file.
    /// - Throws: ``SyntaxError`` for a quoting mistake or an overlong record, at its place.
    func next() throws(SyntaxError) -> Bool {
        while true {
            if let complete = try parseRecord() {
                if complete { return true }
                continue  // a blank line
            }
            // The record runs past the block: read more and parse it again from its start.
            if try !refill() {
                if position >= filled { return false }
                // End of file without a final line break: what is left is the last record.
                guard let last = try parseRecord(atEnd: true) else { return false }
                if last { return true }
            }
        }
    }

    /// Fields of the current record holding a doubled quote, unescaped when the record is complete.
    private var escaped: [Int] = []

    /// Parses one record starting at `position`. Returns true for a record, false for a blank line,
    /// nil when the block ends first (unless `atEnd`, where the end of the data ends the record).
    /// Nothing in the buffer changes until the record is known to be complete, so an incomplete
    /// record can be parsed again from its start after a refill.
    private func parseRecord(atEnd: Bool = false) throws(SyntaxError) -> Bool? {
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        escaped.removeAll(keepingCapacity: true)
        var i = position
        let limit = filled
        if i >= limit { return nil }
        var lines = 0
        let quote: UInt8 = 34, comma: UInt8 = 44, cr: UInt8 = 13, lf: UInt8 = 10
        while true {
            if i < limit, buffer[i] == quote {
                guard let (j, hasEscapes) = try closingQuote(after: i, limit: limit, atEnd: atEnd, lines: &lines) else { return nil }
                if hasEscapes { escaped.append(starts.count) }
                starts.append(i + 1)
                ends.append(j)
                i = j + 1
                if i >= limit {
                    if !atEnd { return nil }
                    return finish(at: i, lines: lines)
                }
                let b = buffer[i]
                if b == comma {
                    i += 1
                    if i >= limit {
                        if !atEnd { return nil }
                        starts.append(i)
                        ends.append(i)
                        return finish(at: i, lines: lines)
                    }
                    continue
                }
                if b == lf || b == cr {
                    guard let after = lineEnd(at: i, limit: limit, atEnd: atEnd) else { return nil }
                    return finish(at: after, lines: lines + 1)
                }
                let shown = String(decoding: UnsafeBufferPointer(start: buffer + i, count: 1), as: UTF8.self)
                throw SyntaxError(line: nextLine + lines, column: starts.count,
                                  expected: "a closing quote followed by a comma or a line end (a quote inside a quoted field is written twice: \"\")",
                                  found: "`\"\(shown)`")
            }
            // An unquoted field: up to a comma or a line end.
            let start = i
            while i < limit {
                let b = buffer[i]
                if b == comma || b == lf || b == cr { break }
                i += 1
            }
            starts.append(start)
            ends.append(i)
            if i >= limit {
                if !atEnd { return nil }
                return finish(at: i, lines: lines)
            }
            if buffer[i] == comma {
                i += 1
                if i >= limit {
                    if !atEnd { return nil }
                    starts.append(i)
                    ends.append(i)
                    return finish(at: i, lines: lines)
                }
                continue
            }
            guard let after = lineEnd(at: i, limit: limit, atEnd: atEnd) else { return nil }
            return finish(at: after, lines: lines + 1)
        }
    }

    /// The closing quote of the quoted field whose opening quote is at `i`: `""` is a quote, line
    /// breaks are content (counted into `lines`). Returns the closing quote's index and whether the
    /// field holds doubled quotes; nil when the block ends first (unless `atEnd`).
    /// - Throws: ``SyntaxError`` at the opening quote when the file ends inside the field.
    @inline(__always)
    private func closingQuote(after i: Int, limit: Int, atEnd: Bool, lines: inout Int) throws(SyntaxError) -> (Int, Bool)? {
        let quote: UInt8 = 34, cr: UInt8 = 13, lf: UInt8 = 10
        let openLine = nextLine + lines
        var j = i + 1
        var hasEscapes = false
        var previousCR = false
        while j < limit {
            let b = buffer[j]
            if b == quote {
                if j + 1 < limit {
                    if buffer[j + 1] == quote {
                        hasEscapes = true
                        previousCR = false
                        j += 2
                        continue
                    }
                } else if !atEnd {
                    return nil  // cannot tell yet whether the quote is doubled
                }
                return (j, hasEscapes)
            }
            if b == lf {
                if !previousCR { lines += 1 }
            } else if b == cr {
                lines += 1
            }
            previousCR = b == cr
            j += 1
        }
        guard atEnd else { return nil }
        throw SyntaxError(line: openLine, column: starts.count + 1, expected: "a closing quote for the quoted field that starts here",
                          found: "the end of the file")
    }

    /// The index after the line break at `i` (CRLF counts as one); nil when a CR ends the block.
    @inline(__always)
    private func lineEnd(at i: Int, limit: Int, atEnd: Bool) -> Int? {
        if buffer[i] == 13 {
            if i + 1 < limit { return buffer[i + 1] == 10 ? i + 2 : i + 1 }
            return atEnd ? i + 1 : nil
        }
        return i + 1
    }

    /// Ends a complete record at `after`: unescapes doubled quotes in place, advances the line count.
    /// A record of one empty field is a blank line (false).
    private func finish(at after: Int, lines: Int) -> Bool {
        for f in escaped {
            var read = starts[f], write = starts[f]
            let end = ends[f]
            while read < end {
                let b = buffer[read]
                buffer[write] = b
                write += 1
                read += (b == 34 && read + 1 < end && buffer[read + 1] == 34) ? 2 : 1
            }
            ends[f] = write
        }
        position = after
        line = nextLine
        nextLine += lines
        return !(starts.count == 1 && starts[0] == ends[0] && escaped.isEmpty && buffer[max(0, starts[0] - 1)] != 34)
    }
}
