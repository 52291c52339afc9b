import CoCreateCore
import Conversations
import DesignFiles
import Foundation
import Hummingbird
import MultipartKit

/// Passing the model on, from the pages: a finished conversation becomes a design of the facilitator's own,
/// carrying its learnings and lineage, or a model file for another community; and someone else's model file
/// is checked and previewed before anything is kept.
extension DesignController {
    func addPassOnRoutes(to group: RouterGroup<FacilitatorContext>) {
        group.post("/conversations/:id/fork", use: fork)
        group.get("/conversations/:id/model.json", use: model)
        group.get("/designs/import", use: importPage)
        group.post("/designs/import", use: preview)
        group.post("/designs/import/keep", use: keepImported)
    }

    /// The run's design as a new design of the facilitator's own, with the run's learnings and its lineage.
    @Sendable func fork(request: Request, context: FacilitatorContext) async throws -> Response {
        struct Input: Decodable { var name: String }
        // A refusal comes back on the commitments page, beside the form, as every form there does.
        return try await FollowUpController(services: services).onCommitmentsPage(request, context, section: "passon") { [services, designs] id in
            let name = try await request.decode(as: Input.self, context: context).name.trimmingCharacters(in: .whitespaces)
            let state = try await services.current(id)
            let design = try ModelBuilder.forkedDesign(state, name: name, date: ConsoleController.today(services.effects.now()))
            do {
                let saved = try await SaveDesign(design: design).run(in: designs, by: context.facilitator.username, now: services.effects.now())
                return .redirect(to: "/designs/mine/\(saved.name)", type: .normal)
            } catch let problems as DesignProblems {
                throw RuleViolation(field: "name", message: problems.issues.map { DesignEditorView.sentence($0) }.joined(separator: " "))
            }
        }
    }

    /// The model file of a run: its design with the learnings and lineage, and an outcome without names.
    @Sendable func model(request: Request, context: FacilitatorContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let state = try await services.current(id)
        let data = try ModelBuilder.encode(try ModelBuilder.model(state, date: ConsoleController.today(services.effects.now())))
        let file = "\(state.design?.name ?? id)-model.json"
        return Response(status: .ok, headers: [.contentType: "application/json", .contentDisposition: "attachment; filename=\"\(file)\"", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(data: data)))
    }

    @Sendable func importPage(request: Request, context: FacilitatorContext) async throws -> Response {
        page("design-import", request, context, [:])
    }

    /// A model file read and checked in full, then shown: what it is, where it came from, what it taught, and
    /// whether keeping it would replace a design of the same name. Nothing is kept yet.
    @Sendable func preview(request: Request, context: FacilitatorContext) async throws -> Response {
        struct Upload: Decodable { var model: UploadedFile? }
        guard let file = try await request.decode(as: Upload.self, context: context).model, !file.text.isEmpty else {
            return page("design-import", request, context, ["fileError": "Choose a model file (.json) written by cocreate."], status: .unprocessableContent)
        }
        return try await previewPage(request, context, text: file.text, fileName: file.fileName ?? "the model file", name: nil)
    }

    @Sendable func keepImported(request: Request, context: FacilitatorContext) async throws -> Response {
        struct Input: Decodable { var model: String; var fileName: String?; var name: String; var replace: String? }
        let input = try await request.decode(as: Input.self, context: context)
        let fileName = input.fileName ?? "the model file"
        let model: ModelFile
        var design: ConversationDesign
        do {
            (model, design) = try ModelReader.read(Data(input.model.utf8), file: fileName)
        } catch let problem as ModelReader.Problem {
            return page("design-import", request, context, ["fileError": "\(fileName) cannot be used:", "fileProblems": problem.messages],
                        status: .unprocessableContent)
        }
        design.name = input.name.trimmingCharacters(in: .whitespaces)
        do {
            let saved = try await SaveDesign(design: design, replace: input.replace != nil, outcome: model.outcome)
                .run(in: designs, by: context.facilitator.username, now: services.effects.now())
            return .redirect(to: "/designs/mine/\(saved.name)", type: .normal)
        } catch let problems as DesignProblems {
            return try await previewPage(request, context, text: input.model, fileName: fileName, name: design.name,
                                         nameError: problems.issues.map { DesignEditorView.sentence($0) }.joined(separator: " "))
        }
    }

    private func previewPage(_ request: Request, _ context: FacilitatorContext, text: String, fileName: String, name: String?,
                             nameError: String? = nil) async throws -> Response {
        let model: ModelFile
        let design: ConversationDesign
        do {
            (model, design) = try ModelReader.read(Data(text.utf8), file: fileName)
        } catch let problem as ModelReader.Problem {
            return page("design-import", request, context, ["fileError": "\(fileName) cannot be used:", "fileProblems": problem.messages],
                        status: .unprocessableContent)
        }
        let chosen = name ?? design.name
        let existing = try await designs.design(named: chosen, ownedBy: context.facilitator.username)
        var values = try await DesignPage.values(SavedDesign(owner: context.facilitator.username, name: design.name, yaml: model.design, savedAt: 0, outcome: model.outcome),
                                                 design, services: services, viewer: context.facilitator.username)
        values["preview"] = [
            "model": text, "fileName": fileName, "name": chosen, "nameError": nameError ?? "",
            "exists": existing != nil, "summary": ModelReader.summary(model, design: design).split(separator: "\n").map(String.init),
        ]
        return page("design-import", request, context, values, status: nameError == nil ? .ok : .unprocessableContent)
    }
}
