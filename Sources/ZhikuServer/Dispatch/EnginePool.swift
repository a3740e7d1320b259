import Foundation
import NIOCore

/// The threads that run engine calls, handing each call to the thread that went idle last.
///
/// NIO's `NIOThreadPool` wakes its waiting threads in turn, so at low load every request lands on
/// a thread whose caches the others have cooled (measured on the benchmark query: ~150 µs engine
/// time with one thread, ~180 µs with four taking turns). Here idle threads wait on a stack: the
/// most recently busy thread, with its SQLite connection and stack still warm, gets the next call,
/// and the others only wake when calls overlap.
final class EnginePool: @unchecked Sendable {  // workers, idle, pending, stopped: only under `lock`
    /// A call; `cancelled` is true when the pool shut down before it could run.
    typealias Job = @Sendable (_ cancelled: Bool) -> Void
    /// Wraps a thread's run loop (the server holds a reader connection there): called once per
    /// thread with the loop, it calls the loop again each time it returns ``RunEnd/renew`` and
    /// returns after ``RunEnd/stopped``.
    typealias Around = @Sendable (_ run: () -> RunEnd) -> Void

    /// Why a thread's run loop returned: the pool shut down, or ``renewAll()`` asked every thread
    /// to go round its wrapper again (the server holds a reader of a new index file then).
    enum RunEnd { case stopped, renew }

    private final class Worker: @unchecked Sendable {  // `job` and `renew` only under the pool's lock
        let wake = DispatchSemaphore(value: 0)
        var job: Job?
        var renew = false
    }

    private let lock = NSLock()
    private var workers: [Worker] = []
    private var idle: [Worker] = []
    private var pending = CircularBuffer<Job>(initialCapacity: 64)
    private var stopped = false
    private let exited = DispatchGroup()
    let numberOfThreads: Int

    init(numberOfThreads: Int) {
        self.numberOfThreads = max(1, numberOfThreads)
    }

    /// Starts the threads, each running its loop inside `around`.
    func start(around: @escaping Around = { run in while run() == .renew {} }) {
        for i in 0..<numberOfThreads {
            exited.enter()
            let worker = Worker()
            lock.lock(); workers.append(worker); lock.unlock()
            let thread = Thread { [self] in
                around { run(worker) }
                exited.leave()
            }
            thread.name = "zhiku-engine-\(i)"
            thread.start()
        }
    }

    /// Runs `job` on a pool thread (or calls it with `cancelled` at once after shutdown).
    func submit(_ job: @escaping Job) {
        lock.lock()
        if stopped {
            lock.unlock()
            job(true)
            return
        }
        if let worker = idle.popLast() {
            worker.job = job
            lock.unlock()
            worker.wake.signal()
        } else {
            pending.append(job)
            lock.unlock()
        }
    }

    /// Stops the threads once they finish what they run; queued calls are cancelled.
    func shutdown() {
        lock.lock()
        stopped = true
        let sleepers = idle
        idle.removeAll()
        let queued = Array(pending)
        pending.removeAll()
        lock.unlock()
        for worker in sleepers { worker.wake.signal() }
        for job in queued { job(true) }
        exited.wait()
    }

    /// Makes every thread return from its run loop once it has finished what it runs (at once
    /// when idle), so that its wrapper starts it again.
    func renewAll() {
        lock.lock()
        for worker in workers { worker.renew = true }
        let sleepers = idle
        idle.removeAll()
        lock.unlock()
        for worker in sleepers { worker.wake.signal() }
    }

    private func run(_ me: Worker) -> RunEnd {
        while true {
            lock.lock()
            if me.renew {
                me.renew = false
                lock.unlock()
                return .renew
            }
            if let job = pending.popFirst() {
                lock.unlock()
                job(false)
                continue
            }
            if stopped {
                lock.unlock()
                return .stopped
            }
            idle.append(me)
            lock.unlock()
            me.wake.wait()
            lock.lock()
            let job = me.job
            me.job = nil
            lock.unlock()
            job?(false)  // nil: woken by shutdown or renewAll
        }
    }
}
