import Foundation
import Testing
@testable import Server

@Suite("The address phones are given")
struct PublicAddressTests {
    @Test func aConfiguredPublicURLIsUsedForTheJoinLinkAndTheQRCode() async throws {
        let configuration = AppConfiguration(port: 0, logLevel: .error, publicURL: "https://room.example/")
        try await TestApp().run(configuration) { browser in
            let csrf = try await browser.signIn()
            let (id, code) = try await browser.createConversation(csrf: csrf)
            let console = try await browser.get("/conversations/\(id)").text
            #expect(console.contains("https://room.example/c/\(code)"))
            #expect(!console.contains(#"id="join-warning""#))
            let qr = try await browser.get("/c/\(code)/qr.svg").text
            #expect(qr.contains("https://room.example/c/\(code)"))
        }
    }

    @Test func aLoopbackAddressIsFlaggedOnTheConsole() async throws {
        try await TestApp().run { browser in
            let csrf = try await browser.signIn()
            let (id, _) = try await browser.createConversation(csrf: csrf)
            let console = try await browser.get("/conversations/\(id)").text
            #expect(console.contains(#"id="join-warning""#))
        }
    }

    @Test func loopbackNamesAndHostsAreToldApart() {
        #expect(PublicAddress.isLoopback("localhost") && PublicAddress.isLoopback("127.0.0.1") && PublicAddress.isLoopback("::1"))
        #expect(!PublicAddress.isLoopback("192.168.1.20"))
        #expect(PublicAddress.host(of: "[::1]:8080") == "::1")
        #expect(PublicAddress.host(of: "192.168.1.20:8080") == "192.168.1.20")
        #expect(PublicAddress.isReachableFromOtherDevices("http://192.168.1.20:8080/c/AB"))
        #expect(!PublicAddress.isReachableFromOtherDevices("http://localhost:8080/c/AB"))
    }
}
