import CoCreateCore
import Foundation

/// The JSON each kind of live page receives after a change: what a WebSocket sends, and what `bench render`
/// times.
public enum LiveViewRenderer {
    /// What a participant's phone shows.
    public static func phone(_ state: ConversationState, participant: String, now: Int64) -> String {
        PageRenderer.json(["view": ParticipantView(state: state, participantID: participant, now: now)])
    }

    /// What the projector shows.
    public static func screen(_ state: ConversationState, now: Int64) -> String {
        PageRenderer.json(["view": ScreenView(state: state, now: now)])
    }

    /// What the facilitator's console shows.
    public static func console(_ state: ConversationState, now: Int64) -> String {
        PageRenderer.json(["view": ConsoleView(state: state, now: now)])
    }
}
