import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs work on dedicated threads, one GLPK environment each.
///
/// GLPK keeps its environment in thread-local storage, so every problem is created, solved and
/// freed on one thread. Dedicated `Thread`s (rather than a shared dispatch queue) make that
/// visible: a worker owns whatever it creates until it returns.
enum Workers {
    /// Calls `body(worker)` on `count` new threads (worker = 0..<count) and waits for all of them.
    /// `count == 1` runs on the calling thread. The first error thrown by any worker is rethrown
    /// after every worker has finished.
    static func run(count: Int, _ body: @escaping @Sendable (Int) throws -> Void) throws {
        guard count > 1 else {
            try body(0)
            return
        }
        let failures = Locked<[Int: any Error]>([:])
        let done = DispatchGroup()
        for worker in 0..<count {
            done.enter()
            spawn(name: "eduplan-worker-\(worker)") {
                defer { done.leave() }
                do { try body(worker) } catch { failures.withLock { $0[worker] = error } }
            }
        }
        done.wait()
        if let (_, error) = failures.withLock({ $0.min { $0.key < $1.key } }) { throw error }
    }

    /// The work queue: `body(i)` for every i in 0..<count, on up to `jobs` threads, each taking
    /// the next index as soon as it is free (so cheap and dear items mix). Results come back in
    /// index order whatever the number of threads. A thread that throws stops taking work; the
    /// first error (by thread) is rethrown after every thread has finished.
    static func map<T: Sendable>(_ count: Int, jobs: Int, _ body: @escaping @Sendable (Int) throws -> T) throws -> [T] {
        let results = Locked<[Int: T]>([:])
        let next = Locked(0)
        try run(count: max(1, min(jobs, count))) { _ in
            while true {
                let index = next.withLock { value -> Int in
                    defer { value += 1 }
                    return value
                }
                guard index < count else { return }
                let result = try body(index)
                results.withLock { $0[index] = result }
            }
        }
        return results.withLock { table in (0..<count).map { table[$0]! } }
    }

    /// Starts `body` on a new thread now; ``Pending/wait()`` returns its result (or rethrows).
    static func start<T: Sendable>(name: String, _ body: @escaping @Sendable () throws -> T) -> Pending<T> {
        let pending = Pending<T>()
        pending.done.enter()
        spawn(name: name) {
            defer { pending.done.leave() }
            let result = Result { try body() }
            pending.result.withLock { $0 = result }
        }
        return pending
    }

    /// Runs `body` on a new thread with a 64 MiB stack (branch and bound and the LU factorisation
    /// want more than the 512 KiB secondary threads get on some platforms), or — when no such
    /// thread can be had (an address-space limit, too many threads) — on the calling thread, so
    /// that the work is done, one item at a time, instead of waited for forever.
    private static func spawn(name: String, _ body: @escaping @Sendable () -> Void) {
        #if canImport(Glibc)
        final class Work { let name: String; let body: @Sendable () -> Void
            init(_ name: String, _ body: @escaping @Sendable () -> Void) { self.name = name; self.body = body } }
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, 64 << 20)
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        let work = Unmanaged.passRetained(Work(name, body)).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(&thread, &attributes, { raw in
            let work = Unmanaged<Work>.fromOpaque(raw!).takeRetainedValue()
            Thread.current.name = work.name
            work.body()
            return nil
        }, work)
        guard status != 0 else { return }
        Unmanaged<Work>.fromOpaque(work).release()
        body()
        #else
        let thread = Thread(block: body)
        thread.stackSize = 64 << 20
        thread.name = name
        thread.start()
        #endif
    }
}

/// The result of work started by ``Workers/start(name:_:)``.
final class Pending<T: Sendable>: Sendable {
    fileprivate let done = DispatchGroup()
    fileprivate let result = Locked<Result<T, any Error>?>(nil)
    /// Waits for the work to finish and returns its value.
    func wait() throws -> T {
        done.wait()
        return try result.withLock { $0! }.get()
    }
}

/// A value behind a lock (Foundation's `NSLock`; `Synchronization.Mutex` needs macOS 15).
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
