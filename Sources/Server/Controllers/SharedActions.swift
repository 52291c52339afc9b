import CoCreateCore
import Conversations
import Hummingbird

/// An action a console form and its API twin share: one command at one path, under `/conversations/:id`
/// for the console and under `/api/v1/conversations/:id` for the API. Listing it once here is what makes
/// the two front ends the same action; FrontEndParityTests holds each pair to the same events.
struct SharedAction: Sendable {
    typealias Handler = @Sendable (Request, FacilitatorContext) async throws -> Response

    let path: String
    let console: @Sendable (CommandRoutes) -> Handler
    let api: @Sendable (CommandRoutes) -> Handler

    /// `anchor` is the console section the page returns to; `created` makes the API answer 201.
    init<Command: ConversationCommand>(_ path: String, _ command: Command.Type, anchor: String, created: Bool = false) {
        self.path = path
        console = { $0.console(command, anchor: anchor) }
        api = { $0.api(command, status: created ? .created : .ok) }
    }

    static let all: [SharedAction] = [
        SharedAction("arrivals", MarkPresence.self, anchor: "people-h"),
        SharedAction("arrivals/everyone", MarkEveryoneArrived.self, anchor: "people-h"),
        SharedAction("names/release", ReleaseName.self, anchor: "people-h"),
        SharedAction("agenda", RunAgenda.self, anchor: "agenda-h"),
        SharedAction("contributions", Contribute.self, anchor: "contrib-h", created: true),
        SharedAction("paper/tally", RecordPaperTally.self, anchor: "paper-h"),
        SharedAction("paper/commitment", RecordPaperCommitment.self, anchor: "paper-h", created: true),
        SharedAction("statements", AddStatement.self, anchor: "statements-h", created: true),
        SharedAction("statements/edit", EditStatement.self, anchor: "statements-h"),
        SharedAction("statements/withdraw", WithdrawStatement.self, anchor: "statements-h"),
        SharedAction("statements/translate", TranslateStatement.self, anchor: "statements-h"),
        SharedAction("questions/translate", TranslateQuestion.self, anchor: "statements-h"),
        SharedAction("seating", SeatRoom.self, anchor: "tables-h"),
        SharedAction("seating/move", MoveSeat.self, anchor: "tables-h"),
        SharedAction("seating/lock", LockTable.self, anchor: "tables-h"),
        SharedAction("name", NameConversation.self, anchor: "top"),
        SharedAction("team/remove", RevokeAccess.self, anchor: "team-h"),
    ]

    /// Adds every shared action's console form or API route below `base` (e.g. `/conversations/:id`).
    static func addRoutes(to group: RouterGroup<FacilitatorContext>, below base: String, _ handler: (SharedAction) -> Handler) {
        for action in all { group.post("\(base)/\(action.path)", use: handler(action)) }
    }
}
