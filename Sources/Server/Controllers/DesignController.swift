import CoCreateCore
import Conversations
import DesignFiles
import Foundation
import Hummingbird

/// A facilitator's designs: the list, one design's page (its lineage and what its runs taught), the editor,
/// the design file to download, and a model file passed on by someone else, previewed before it is kept.
struct DesignController {
    let services: AppServices
    var designs: any DesignRepository { services.designs }

    func addRoutes(to group: RouterGroup<FacilitatorContext>) {
        group.get("/designs", use: list)
        group.get("/designs/new", use: newDesign)
        group.post("/designs/editor", use: editorSubmit)
        group.post("/designs/check", use: check)
        group.get("/designs/mine/:name", use: show)
        group.get("/designs/mine/:name/edit", use: edit)
        group.get("/designs/mine/:name/design.yaml", use: download)
        addPassOnRoutes(to: group)
    }

    // MARK: The list and one design

    @Sendable func list(request: Request, context: FacilitatorContext) async throws -> Response {
        let mine = try await designs.designs(ownedBy: context.facilitator.username).compactMap { saved -> [String: Any]? in
            guard let design = saved.design else { return nil }
            return ["name": saved.name, "title": design.title, "minutes": design.totalMinutes,
                    "forkedFrom": design.lineage?.forkedFrom ?? "",
                    "learningsCount": design.learnings.isEmpty ? "" : LocalizedText.plural("designs.learningsCount", count: design.learnings.count) as Any]
        }
        let builtIn = try DesignLibrary.templates.compactMap { template -> [String: Any]? in
            guard let design = try DesignLibrary.design(named: template.name) else { return nil }
            return ["name": template.name, "title": design.title, "minutes": design.totalMinutes, "whenToUse": design.whenToUse]
        }
        let earlier = try await services.conversations(visibleTo: context.facilitator.username).reversed().map { state -> [String: Any] in
            ["id": state.id, "title": state.displayName, "date": state.details?.date ?? ""]
        }
        return page("designs", request, context, ["mine": mine, "hasMine": !mine.isEmpty, "builtIn": builtIn, "earlier": earlier, "hasEarlier": !earlier.isEmpty])
    }

    @Sendable func show(request: Request, context: FacilitatorContext) async throws -> Response {
        let saved = try await owned(try context.parameters.require("name"), context)
        guard let design = saved.design else { throw NotFound(what: "design") }
        return page("design", request, context, try await DesignPage.values(saved, design, services: services, viewer: context.facilitator.username))
    }

    @Sendable func download(request: Request, context: FacilitatorContext) async throws -> Response {
        let saved = try await owned(try context.parameters.require("name"), context)
        return Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8", .contentDisposition: "attachment; filename=\"\(saved.name).yaml\"",
                                               .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(string: saved.yaml)))
    }

    func owned(_ name: String, _ context: FacilitatorContext) async throws -> SavedDesign {
        guard let saved = try await designs.design(named: name, ownedBy: context.facilitator.username) else { throw NotFound(what: "design") }
        return saved
    }

    // MARK: The editor

    /// The editor, opened on a blank page, a built-in design, an earlier conversation's design or one of the
    /// facilitator's own (`?from=blank`, `built-in:NAME`, `conversation:ID`, `mine:NAME`).
    @Sendable func newDesign(request: Request, context: FacilitatorContext) async throws -> Response {
        let from = request.uri.queryParameters["from"].map(String.init) ?? "blank"
        var draft = DesignDraft()
        if let name = from.removingPrefix("built-in:") {
            guard let design = try DesignLibrary.design(named: name) else { throw NotFound(what: "design") }
            draft = DesignDraft(design)
            draft.name = "my-\(name)"
        } else if let id = from.removingPrefix("conversation:") {
            guard try await services.role(of: context.facilitator.username, in: id) != nil,
                  let design = try await services.current(id).design else { throw NotFound(what: "conversation") }
            draft = DesignDraft(design)
            draft.name = "\(design.name)-again"
        } else if let name = from.removingPrefix("mine:") {
            guard let design = try await owned(name, context).design else { throw NotFound(what: "design") }
            draft = DesignDraft(design)
            draft.name = "\(name)-copy"
        } else {
            draft.phases = [DesignDraft.newPhase(.input), DesignDraft.newPhase(.round), DesignDraft.newPhase(.closing)]
        }
        return editorPage(request, context, draft: draft, issues: [])
    }

    @Sendable func edit(request: Request, context: FacilitatorContext) async throws -> Response {
        guard let design = try await owned(try context.parameters.require("name"), context).design else { throw NotFound(what: "design") }
        return editorPage(request, context, draft: DesignDraft(design), issues: [], replacing: true)
    }

    /// Every button of the editor posts the whole form here: "Save", or a change to the agenda (add, move or
    /// remove a phase, more statement rows), which comes back as the editor with nothing typed lost.
    @Sendable func editorSubmit(request: Request, context: FacilitatorContext) async throws -> Response {
        let fields = try await request.decode(as: [String: String].self, context: context)
        var draft = DesignDraft(fields: fields)
        let replacing = fields["replace"] != nil
        let button = fields["button"] ?? "save"
        if let change = DesignDraft.Change(button: button) {
            let focus = draft.apply(change)
            return editorPage(request, context, draft: draft, issues: [], replacing: replacing, focus: focus)
        }
        let (design, issues) = draft.design()
        do {
            guard issues.isEmpty else { throw DesignProblems(issues) }
            let saved = try await SaveDesign(design: design, replace: replacing).run(in: designs, by: context.facilitator.username, now: services.effects.now())
            return .redirect(to: "/designs/mine/\(saved.name)", type: .normal)
        } catch let problems as DesignProblems {
            return editorPage(request, context, draft: draft, issues: problems.issues, replacing: replacing, status: .unprocessableContent)
        }
    }

    /// The editor's live check as the facilitator types: the messages by field, the running total and each
    /// phase's clock time and turn rule. Nothing is kept.
    @Sendable func check(request: Request, context: FacilitatorContext) async throws -> DesignCheck {
        let draft = DesignDraft(fields: try await request.decode(as: [String: String].self, context: context))
        let checked = draft.design()
        let design = checked.design
        var issues = checked.issues
        if let kept = try await designs.design(named: design.name, ownedBy: context.facilitator.username),
           request.uri.queryParameters["replace"] == nil, kept.design != design {
            issues.append(DesignIssue(path: "name", message: "you already have a design called \(kept.name); choose another name, or tick \"Replace it\""))
        }
        return DesignCheck(draft: draft, issues: issues)
    }

    func editorPage(_ request: Request, _ context: FacilitatorContext, draft: DesignDraft, issues: [DesignIssue],
                    replacing: Bool = false, focus: Int? = nil, status: HTTPResponse.Status = .ok) -> Response {
        var values = DesignEditorView(draft: draft, issues: issues).values
        values["replacing"] = replacing
        values["focus"] = focus.map { "phase-\($0)" } ?? ""
        return page("design-editor", request, context, values, status: status)
    }

    func page(_ template: String, _ request: Request, _ context: FacilitatorContext, _ values: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        var all = values
        all["signedIn"] = true
        all["csrf"] = context.facilitator.csrfToken
        return services.pages.page(template, all, request: request, status: status)
    }
}

/// The live check's answer, by form field so the page can put each message beside its field.
struct DesignCheck: ResponseEncodable {
    struct Problem: Codable { var field: String; var path: String; var message: String }
    var problems: [Problem]
    var totalMinutes: Int
    var startTimes: [String]
    /// The turn rule of each round's chosen structure, by phase number.
    var rules: [String: String]

    init(draft: DesignDraft, issues: [DesignIssue]) {
        problems = issues.map { Problem(field: DesignDraft.formField(forPath: $0.path), path: $0.path, message: DesignEditorView.sentence($0)) }
        totalMinutes = draft.totalMinutes
        startTimes = draft.startTimes
        rules = Dictionary(uniqueKeysWithValues: draft.phases.enumerated().compactMap { index, phase in
            CooperativeStructure(rawValue: phase.structure).map { (String(index), $0.turnRule) }
        })
    }
}

extension String {
    func removingPrefix(_ prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
    }
}
