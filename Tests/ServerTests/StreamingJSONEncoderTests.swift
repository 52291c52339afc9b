import CoCreateCore
import DesignFiles
import Foundation
import Testing
@testable import Server

/// The live views' fast encoder must say exactly what Foundation's `JSONEncoder` says, as JSON values.
struct StreamingJSONEncoderTests {
    enum Mood: String, Codable { case calm, tense }

    struct Inner: Codable { var id: String; var score: Double; var tags: [String] }

    struct Sample: Codable {
        var text: String
        var count: Int
        var big: Int64
        var small: UInt8
        var ratio: Double
        var whole: Double
        var flag: Bool
        var missing: String?
        var present: Int?
        var mood: Mood
        var inner: Inner
        var list: [Inner]
        var byName: [String: [Int]]
        var empty: [String]
        var id: UUID
    }

    static func jsonValue(_ text: String) throws -> NSObject {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        return try #require(object as? NSObject)
    }

    static let sample = Sample(
        text: "Quote \" backslash \\ newline \n tab \t bell \u{7} </script><b>&amp; émoji 😀 ١٢", count: -42, big: 9_007_199_254_740_993,
        small: 200, ratio: 0.1 + 0.2, whole: 3, flag: true, missing: nil, present: 7, mood: .tense,
        inner: Inner(id: "a", score: -1.5e-7, tags: ["x", ""]), list: [Inner(id: "b", score: 2, tags: [])],
        byName: ["students": [1, 2], "staff": []], empty: [], id: UUID())

    @Test func writesTheSameJSONValueAsFoundation() throws {
        let fast = try StreamingJSONEncoder.encode(Self.sample)
        let foundation = String(decoding: try JSONEncoder().encode(Self.sample), as: UTF8.self)
        let fastValue = try Self.jsonValue(fast)
        let foundationValue = try Self.jsonValue(foundation)
        #expect(fastValue == foundationValue)
        #expect(!fast.contains("</script>") && !fast.contains("<b>"), "markup characters are escaped")
        #expect(!fast.contains("\"missing\""), "nil optionals are left out, as Foundation does")
        let decoded = try JSONDecoder().decode(Sample.self, from: Data(fast.utf8))
        #expect(decoded.text == Self.sample.text)
        #expect(decoded.big == Self.sample.big)
        #expect(decoded.ratio == Self.sample.ratio)
    }

    @Test func theLiveViewsEncodeAsFoundationDoes() throws {
        let design = try #require(try DesignLibrary.design(named: "cooperative-knowledge-cafe"))
        var state = ConversationState(id: "c1")
        state.apply(EventEnvelope(id: UUID(), at: 0, event: .conversationCreated(ConversationCreated(
            joinCode: "ABCD-EFGH", design: design, facilitator: "fran"))))
        state.apply(EventEnvelope(id: UUID(), at: 1, event: .participantRegistered(ParticipantRegistered(participantID: "p1", name: "Ana \"A\" <b>"))))
        state.apply(EventEnvelope(id: UUID(), at: 2, event: .contributionAdded(ContributionAdded(
            contributionID: "k1", authorID: "p1", kind: .idea, text: "Line one\nline two"))))
        let console = ["view": ConsoleView(state: state, now: 5)]
        let screen = ["view": ScreenView(state: state, now: 5)]
        let phone = ["view": ParticipantView(state: state, participantID: "p1", now: 5)]
        let views: [(String, String)] = [
            (try StreamingJSONEncoder.encode(console), String(decoding: try JSONEncoder().encode(console), as: UTF8.self)),
            (try StreamingJSONEncoder.encode(screen), String(decoding: try JSONEncoder().encode(screen), as: UTF8.self)),
            (try StreamingJSONEncoder.encode(phone), String(decoding: try JSONEncoder().encode(phone), as: UTF8.self)),
        ]
        for (fast, foundation) in views {
            let fastValue = try Self.jsonValue(fast)
            let foundationValue = try Self.jsonValue(foundation)
            #expect(fastValue == foundationValue)
        }
    }
}
