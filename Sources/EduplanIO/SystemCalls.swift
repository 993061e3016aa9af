#if canImport(Glibc)
import Glibc
/// `read(2)`, named apart from the methods called `read` in this module.
let systemRead = Glibc.read
/// `write(2)`, named apart from the methods called `write` in this module.
let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
let systemRead = Darwin.read
let systemWrite = Darwin.write
#endif

/// Flushes the file or folder at `path` to disk; the `errno` of the failure, or nil.
func synchronise(_ path: String) -> Int32? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return errno }
    defer { close(descriptor) }
    return fsync(descriptor) == 0 ? nil : errno
}

/// `renameat2(from, to, RENAME_EXCHANGE)`: swaps two paths at once. Looked up at run time (the C
/// library declares it only for GNU sources); nil where the system has no such call.
private let renameExchange: (@convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32)? = {
    #if os(Linux)
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
    return unsafeBitCast(symbol, to: (@convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32).self)
    #else
    return nil
    #endif
}()

/// Swaps `a` and `b` in one step; false (with `errno`) when they could not be swapped, `ENOSYS`
/// when the system cannot swap at all.
func exchange(_ a: String, _ b: String) -> Bool {
    guard let renameExchange else {
        errno = ENOSYS
        return false
    }
    let exchangeFlag: UInt32 = 2  // RENAME_EXCHANGE in <linux/fs.h>
    return renameExchange(AT_FDCWD, a, AT_FDCWD, b, exchangeFlag) == 0
}
