import CoCreateCore
import Foundation

/// The JSON each kind of live page receives after a change: what a WebSocket sends, and what `bench render`
/// times. Written by the views themselves (`JSONWritable`), not through `Encodable`: this runs after every change.
public enum LiveViewRenderer {
    /// What a participant's phone shows.
    public static func phone(_ state: ConversationState, participant: String, now: Int64) -> String {
        JSONOutput.liveMessage(ParticipantView(state: state, participantID: participant, now: now))
    }

    /// What the projector shows.
    public static func screen(_ state: ConversationState, now: Int64) -> String {
        JSONOutput.liveMessage(ScreenView(state: state, now: now))
    }

    /// What the facilitator's console shows.
    public static func console(_ state: ConversationState, now: Int64) -> String {
        JSONOutput.liveMessage(ConsoleView(state: state, now: now))
    }
}
