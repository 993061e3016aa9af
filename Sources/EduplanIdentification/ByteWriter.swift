#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
private let systemClose = Glibc.close
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
private let systemClose = Darwin.close
#endif

/// A buffered file writer for bytes: one system call per megabyte, not per row.
final class ByteWriter {
    private let descriptor: Int32
    private let buffer: UnsafeMutablePointer<UInt8>
    private let capacity = 1 << 20
    private var count = 0
    /// The first write error (`errno` text), if any; later writes are dropped.
    private(set) var failure: String?

    /// Creates (or truncates) `path`; nil when it cannot be created.
    init?(path: String) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { return nil }
        descriptor = fd
        buffer = .allocate(capacity: capacity)
    }

    deinit {
        _ = close()
        buffer.deallocate()
    }

    private var closed = false

    @inline(__always)
    func write(_ byte: UInt8) {
        if count == capacity { flush() }
        buffer[count] = byte
        count += 1
    }

    @inline(__always)
    func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        if count + bytes.count > capacity { flush() }
        if bytes.count > capacity {
            writeAll(bytes.baseAddress!, bytes.count)
            return
        }
        if let base = bytes.baseAddress { (buffer + count).update(from: base, count: bytes.count) }
        count += bytes.count
    }

    func write(_ bytes: [UInt8]) { bytes.withUnsafeBufferPointer { write($0) } }

    func write(_ text: String) {
        var text = text
        text.withUTF8 { write($0) }
    }

    /// A CSV field: written as is, or quoted (quotes doubled) when it holds a comma, a quote or a line break.
    @inline(__always)
    func writeField(_ bytes: UnsafeBufferPointer<UInt8>) {
        var needsQuotes = false
        for b in bytes where b == 44 || b == 34 || b == 10 || b == 13 {
            needsQuotes = true
            break
        }
        guard needsQuotes else { return write(bytes) }
        write(34)
        for b in bytes {
            if b == 34 { write(34) }
            write(b)
        }
        write(34)
    }

    func writeField(_ text: String) {
        var text = text
        text.withUTF8 { writeField($0) }
    }

    private func writeAll(_ start: UnsafePointer<UInt8>, _ length: Int) {
        guard failure == nil else { return }
        var offset = 0
        while offset < length {
            let n = systemWrite(descriptor, start + offset, length - offset)
            if n < 0 {
                if errno == EINTR { continue }
                failure = String(cString: strerror(errno))
                return
            }
            offset += n
        }
    }

    func flush() {
        writeAll(buffer, count)
        count = 0
    }

    /// Flushes and closes; returns the first error, if any.
    func close() -> String? {
        guard !closed else { return failure }
        closed = true
        flush()
        if systemClose(descriptor) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        return failure
    }
}
