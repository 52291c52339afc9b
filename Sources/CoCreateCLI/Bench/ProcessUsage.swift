import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What this process has used so far, for the benchmarks' figures.
enum ProcessUsage {
    /// User and system CPU time, in seconds.
    static func cpuSeconds() -> Double {
        let usage = current()
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }

    /// Peak resident memory in bytes. It only grows, so after a run it is that run's peak or an earlier one's.
    static func peakResidentBytes() -> Double {
        #if os(Linux)
        Double(current().ru_maxrss) * 1024  // Linux reports kilobytes
        #else
        Double(current().ru_maxrss)
        #endif
    }

    private static func current() -> rusage {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        return usage
    }
}
