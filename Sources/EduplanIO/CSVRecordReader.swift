#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one CSV reader: records one at a time, from a file read in blocks (streaming, for files
/// of millions of rows) or from bytes in memory, each with the physical line it starts on.
///
/// It reads the CSV of PRODUCT.md: UTF-8 with an optional byte order mark, comma separated, LF or
/// CRLF (or CR) line ends, fields optionally quoted with `"` and a quote inside written `""`, line
/// breaks allowed inside quoted fields. Blank lines are skipped (and counted, so line numbers stay
/// physical). Bytes that are not UTF-8 and quoting mistakes are errors at their line and column.
///
/// A field is a view into the reader's buffer (valid until the next call to ``next()``), so a
/// numeric cell is never turned into a `String`. CSV.swift reads the same format but builds a
/// `String` per field from `UnicodeScalar`s; on the 10 million-row student file of `identify`
/// that was the whole run (see Benchmarks/RESULTS-identification.md).
///
/// - Complexity: O(file size) time; O(block size + longest record) memory (streaming).
public final class CSVRecordReader {
    /// A problem with the text itself, reported at its place: a quoting mistake (column: the
    /// field), bytes that are not UTF-8 (column: the character), an overlong record, a read error.
    public struct SyntaxError: Error, Sendable {
        /// 1-based physical line.
        public var line: Int
        /// 1-based: the field for a quoting mistake, the character for bytes that are not UTF-8.
        public var column: Int
        /// What was expected there, in a planner's words.
        public var expected: String
        /// What was found.
        public var found: String
    }

    private let descriptor: Int32?
    @usableFromInline let buffer: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    /// Valid bytes are buffer[position..<filled].
    private var position = 0
    private var filled = 0
    private var endOfFile = false
    private var atStart = true

    /// Fields of the current record: [start, end) into `buffer`.
    @usableFromInline var starts: [Int] = []
    @usableFromInline var ends: [Int] = []
    /// The physical line the current record starts on (1-based).
    public private(set) var line = 0
    /// The physical line the next record starts on.
    private var nextLine = 1
    /// Where the current record starts, and where its last field ends (its line end excluded).
    private var recordStart = 0
    private var recordEnd = 0

    /// Longer records are an error (an unclosed quote would otherwise read the whole file).
    public let maximumRecord: Int
    /// Bytes read from the file at a time.
    public let blockSize: Int

    /// Reads the regular file `path`; nil when it cannot be opened or is not a regular file (a
    /// FIFO is refused, never waited on).
    /// - Parameters:
    ///   - blockSize: Bytes read at a time (tests use a few bytes, to cross block ends everywhere).
    ///   - maximumRecord: The longest record accepted, in bytes.
    public convenience init?(path: String, blockSize: Int = 4 << 20, maximumRecord: Int = 1 << 20) {
        guard let descriptor = try? InputFile.openDescriptor(path) else { return nil }
        self.init(descriptor: descriptor, blockSize: blockSize, maximumRecord: maximumRecord)
    }

    /// Reads from an open descriptor (from ``InputFile/openDescriptor(_:)``), which it closes when done.
    public init(descriptor: Int32, blockSize: Int = 4 << 20, maximumRecord: Int = 1 << 20) {
        self.descriptor = descriptor
        self.blockSize = blockSize
        self.maximumRecord = maximumRecord
        capacity = blockSize + maximumRecord
        buffer = .allocate(capacity: capacity)
        starts.reserveCapacity(64)
        ends.reserveCapacity(64)
    }

    /// Reads the CSV held in `bytes` (a whole file in memory). Offsets (``rawRange(_:)``) are
    /// offsets into `bytes`.
    public init(bytes: [UInt8]) {
        descriptor = nil
        blockSize = bytes.count
        maximumRecord = bytes.count
        capacity = max(bytes.count, 1)
        buffer = .allocate(capacity: capacity)
        bytes.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { buffer.initialize(from: base, count: source.count) }
        }
        filled = bytes.count
        endOfFile = true
        atStart = false
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        starts.reserveCapacity(64)
        ends.reserveCapacity(64)
    }

    deinit {
        if let descriptor { close(descriptor) }
        buffer.deallocate()
    }

    /// The number of fields of the current record.
    @inlinable
    public var count: Int { starts.count }

    /// The bytes of field `i` of the current record, quotes removed and `""` undone (valid until
    /// the next call to ``next()``).
    @inlinable @inline(__always)
    public func field(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: buffer + starts[i], count: ends[i] - starts[i])
    }

    /// Field `i` as text.
    public func string(_ i: Int) -> String { String(decoding: field(i), as: UTF8.self) }

    /// Every field of the current record as text.
    public var strings: [String] { (0..<count).map(string) }

    /// Where field `i` stands in the record as written, quotes included: a range of offsets into
    /// the bytes given to ``init(bytes:)``, so that a cell can be rewritten and every other byte
    /// copied as it is.
    public func rawRange(_ i: Int) -> Range<Int> {
        // Fields are contiguous: each one ends at the comma before the next one starts.
        rawStart(i)..<(i + 1 < count ? rawStart(i + 1) - 1 : recordEnd)
    }

    /// Where field `i` starts as written: its opening quote when it is quoted.
    private func rawStart(_ i: Int) -> Int {
        if i == 0 { return recordStart }
        // An unquoted field starts right after its comma; a quoted one after its opening quote.
        return buffer[starts[i] - 1] == 34 ? starts[i] - 1 : starts[i]
    }

    /// Reads the next record; false at the end of the file.
    /// - Throws: ``SyntaxError`` for a quoting mistake, bytes that are not UTF-8, an overlong
    ///   record or a read error, at its place.
    public func next() throws(SyntaxError) -> Bool {
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

    /// Moves the unread bytes to the front and reads more; false at the end of the file.
    private func refill() throws(SyntaxError) -> Bool {
        guard !endOfFile, let descriptor else { return false }
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

    /// Fields of the current record holding a doubled quote, unescaped when the record is complete.
    private var escaped: [Int] = []
    /// The bytes of the record so far OR-ed together: below 0x80 means ASCII, valid UTF-8.
    private var highBits: UInt8 = 0

    private static let quote: UInt8 = 34, comma: UInt8 = 44, cr: UInt8 = 13, lf: UInt8 = 10

    /// Parses one record starting at `position`. Returns true for a record, false for a blank line,
    /// nil when the block ends first (unless `atEnd`, where the end of the data ends the record).
    /// Nothing in the buffer changes until the record is known to be complete, so an incomplete
    /// record can be parsed again from its start after a refill.
    private func parseRecord(atEnd: Bool = false) throws(SyntaxError) -> Bool? {
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        escaped.removeAll(keepingCapacity: true)
        highBits = 0
        var i = position
        let limit = filled
        if i >= limit { return nil }
        var lines = 0
        while true {
            if buffer[i] == Self.quote {
                guard let closing = try quotedField(from: i, limit: limit, atEnd: atEnd, lines: &lines) else { return nil }
                i = closing + 1
            } else {
                // An unquoted field: up to a comma or a line end.
                let start = i
                var high: UInt8 = 0
                while i < limit {
                    let b = buffer[i]
                    if b == Self.comma || b == Self.lf || b == Self.cr { break }
                    high |= b
                    i += 1
                }
                highBits |= high
                starts.append(start)
                ends.append(i)
            }
            switch try endOfField(at: i, limit: limit, atEnd: atEnd, lines: lines) {
            case let .nextField(at): i = at
            case let .record(outcome): return outcome
            }
        }
    }

    /// Reads the quoted field opening at `open` up to its closing quote (`""` is a quote, line
    /// breaks are content) and appends it; returns the closing quote's index, or nil when the
    /// block ends first.
    private func quotedField(from open: Int, limit: Int, atEnd: Bool, lines: inout Int) throws(SyntaxError) -> Int? {
        let openLine = nextLine + lines
        var j = open + 1
        var hasEscapes = false
        var previousCR = false
        var high: UInt8 = 0
        while j < limit {
            let b = buffer[j]
            if b == Self.quote {
                if j + 1 < limit {
                    if buffer[j + 1] != Self.quote { break }
                    hasEscapes = true
                    previousCR = false
                    j += 2
                    continue
                }
                if atEnd { break }
                return nil  // cannot tell yet whether the quote is doubled
            }
            if b == Self.lf {
                if !previousCR { lines += 1 }
            } else if b == Self.cr {
                lines += 1
            }
            high |= b
            previousCR = b == Self.cr
            j += 1
        }
        guard j < limit else {
            guard atEnd else { return nil }
            throw SyntaxError(line: openLine, column: starts.count + 1,
                              expected: "a closing quote for the quoted field that starts here", found: "the end of the file")
        }
        highBits |= high
        if hasEscapes { escaped.append(starts.count) }
        starts.append(open + 1)
        ends.append(j)
        return j
    }

    /// What follows a field.
    private enum FieldEnd {
        /// A comma: the next field starts here.
        case nextField(Int)
        /// The record ends (true), was a blank line (false), or runs past the block (nil).
        case record(Bool?)
    }

    /// After the field ending at `i`: a comma, a line end, the end of the data, or (after a
    /// closing quote) a mistake.
    private func endOfField(at i: Int, limit: Int, atEnd: Bool, lines: Int) throws(SyntaxError) -> FieldEnd {
        guard i < limit else { return .record(atEnd ? try finish(at: i, fieldsEnd: i, lines: lines) : nil) }
        let b = buffer[i]
        if b == Self.comma {
            let next = i + 1
            guard next >= limit else { return .nextField(next) }
            guard atEnd else { return .record(nil) }
            starts.append(next)  // a final empty field
            ends.append(next)
            return .record(try finish(at: next, fieldsEnd: next, lines: lines))
        }
        if b == Self.lf || b == Self.cr {
            guard let after = lineEnd(at: i, limit: limit, atEnd: atEnd) else { return .record(nil) }
            return .record(try finish(at: after, fieldsEnd: i, lines: lines + 1))
        }
        let shown = String(decoding: UnsafeBufferPointer(start: buffer + i, count: 1), as: UTF8.self)
        throw SyntaxError(line: nextLine + lines, column: starts.count,
                          expected: "a closing quote followed by a comma or a line end (a quote inside a quoted field is written twice: \"\")",
                          found: "`\"\(shown)`")
    }

    /// The index after the line break at `i` (CRLF counts as one); nil when a CR ends the block.
    @inline(__always)
    private func lineEnd(at i: Int, limit: Int, atEnd: Bool) -> Int? {
        if buffer[i] == Self.cr {
            if i + 1 < limit { return buffer[i + 1] == Self.lf ? i + 2 : i + 1 }
            return atEnd ? i + 1 : nil
        }
        return i + 1
    }

    /// Ends a complete record whose fields end at `fieldsEnd` and whose line end ends at `after`:
    /// checks its UTF-8, unescapes doubled quotes in place, advances the line count.
    /// A record of one empty unquoted field is a blank line (false).
    private func finish(at after: Int, fieldsEnd: Int, lines: Int) throws(SyntaxError) -> Bool {
        if highBits >= 0x80 { try checkUTF8(from: position, to: fieldsEnd) }
        for f in escaped {
            var read = starts[f], write = starts[f]
            let end = ends[f]
            while read < end {
                let b = buffer[read]
                buffer[write] = b
                write += 1
                read += (b == Self.quote && read + 1 < end && buffer[read + 1] == Self.quote) ? 2 : 1
            }
            ends[f] = write
        }
        recordStart = position
        recordEnd = fieldsEnd
        position = after
        line = nextLine
        nextLine += lines
        return !(starts.count == 1 && starts[0] == ends[0] && starts[0] == recordStart)
    }

    /// Throws where the first byte that is not UTF-8 is in buffer[start..<end] (the record begins
    /// a line, so its character columns are the line's).
    private func checkUTF8(from start: Int, to end: Int) throws(SyntaxError) {
        let bytes = UnsafeBufferPointer(start: buffer + start, count: end - start)
        guard let at = TextPosition.firstInvalidUTF8(in: bytes) else { return }
        throw SyntaxError(line: nextLine + at.line - 1, column: at.column, expected: "UTF-8 text", found: "bytes that are not UTF-8")
    }
}
