import Foundation
import Testing

/// `cocreate serve` refuses settings it cannot use, naming the flag or variable and what it allows, before it
/// opens a database or a port.
struct ServeCommandTests {
    @Test func tooFewOrTooManyNetworkThreadsAreRefusedWithTheRange() throws {
        for threads in ["0", "257"] {
            let output = try CLIProcess.run(["serve", "--event-loop-threads", threads, "--database", "/nonexistent/never-opened.sqlite"])
            #expect(output.status != 0)
            #expect(output.stderr.contains("--event-loop-threads must be 1 to 256, not \(threads)"), "\(output.stderr)")
        }
    }

    @Test(arguments: ["COCREATE_EVENT_LOOP_THREADS", "COCREATE_PORT", "COCREATE_SHUTDOWN_GRACE_SECONDS"])
    func aNumberInTheEnvironmentThatIsNotANumberIsNamedNotIgnored(variable: String) throws {
        let output = try CLIProcess.run(["serve", "--database", "/nonexistent/never-opened.sqlite"], environment: [variable: "many"])
        #expect(output.status != 0)
        #expect(output.stderr.contains("\(variable) is \"many\"; it must be a whole number"), "\(output.stderr)")
    }
}
