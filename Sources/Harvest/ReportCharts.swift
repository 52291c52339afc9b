import Basics
import Foundation

/// SVG charts for the report. Every chart reads in greyscale: agree is solid dark, disagree is
/// hatched, pass is light grey, groups are told apart by letters and marker shapes, and each
/// bar carries its number as text.
enum ReportCharts {
    static func escape(_ text: String) -> String { HTMLText.escape(text) }

    static func number(_ value: Double) -> String { String(format: "%.1f", value) }
    static func percent(_ value: Double) -> String { "\(Int((value * 100).rounded()))%" }

    /// Shared fills, defined once per page and referenced by every chart.
    static let definitions = """
        <svg width="0" height="0" style="position:absolute" aria-hidden="true"><defs>\
        <pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">\
        <rect width="6" height="6" fill="#fff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#333" stroke-width="3"/></pattern>\
        <pattern id="dots" width="5" height="5" patternUnits="userSpaceOnUse"><rect width="5" height="5" fill="#fff"/>\
        <circle cx="2.5" cy="2.5" r="1.2" fill="#555"/></pattern>\
        </defs></svg>
        """

    /// Grey shades for opinion groups; letters are drawn too, so shade never carries meaning alone.
    static let groupFills = ["#1a1a1a", "#8c8c8c", "#ffffff", "#4d4d4d", "#c4c4c4", "#666666"]

    /// The charts drawn in one language: their labels, captions and accessible names come from `words`.
    struct Drawing {
        let words: ReportWords

        func escape(_ text: String) -> String { ReportCharts.escape(text) }
        func number(_ value: Double) -> String { ReportCharts.number(value) }
        func percent(_ value: Double) -> String { ReportCharts.percent(value) }
        func marker(shape: Int, x: Double, y: Double, radius: Double, fill: String) -> String {
            ReportCharts.marker(shape: shape, x: x, y: y, radius: radius, fill: fill)
        }
        var groupFills: [String] { ReportCharts.groupFills }

        /// Per-group stacked bars of agree / pass / disagree, with the agree share written beside each and
        /// its 90% range drawn under the bar and written in the caption: a small group's share is a guess.
        func groupBars(_ rows: [(label: String, tally: VoteTally)]) -> String {
            let labelWidth = 110.0, barWidth = 240.0, rowHeight = 20.0
            let height = Double(rows.count) * rowHeight + 2
            var svg = "<div class=\"chart\"><svg class=\"bars\" viewBox=\"0 0 \(number(labelWidth + barWidth + 275)) \(number(height))\" role=\"img\" aria-label=\"\(escape(words("report.votesByGroup")))\">"
            for (index, row) in rows.enumerated() {
                let y = Double(index) * rowHeight + 1
                let total = max(row.tally.votes, 1)
                let agree = barWidth * Double(row.tally.agree) / Double(total)
                let pass = barWidth * Double(row.tally.pass) / Double(total)
                let disagree = barWidth * Double(row.tally.disagree) / Double(total)
                svg += "<text x=\"\(number(labelWidth - 6))\" y=\"\(number(y + 12))\" text-anchor=\"end\" class=\"label\">\(escape(row.label))</text>"
                svg += "<rect x=\"\(number(labelWidth))\" y=\"\(number(y + 2))\" width=\"\(number(barWidth))\" height=\"12\" fill=\"none\" stroke=\"#999\" stroke-width=\"0.5\"/>"
                svg += "<rect x=\"\(number(labelWidth))\" y=\"\(number(y + 2))\" width=\"\(number(agree))\" height=\"12\" fill=\"#1f3b2c\"/>"
                svg += "<rect x=\"\(number(labelWidth + agree))\" y=\"\(number(y + 2))\" width=\"\(number(pass))\" height=\"12\" fill=\"#cfcfcf\"/>"
                svg += "<rect x=\"\(number(labelWidth + agree + pass))\" y=\"\(number(y + 2))\" width=\"\(number(disagree))\" height=\"12\" fill=\"url(#hatch)\" stroke=\"#333\" stroke-width=\"0.5\"/>"
                let range = ShareInterval.ninety(successes: row.tally.agree, of: row.tally.votes)
                if row.tally.votes > 0 {
                    let from = labelWidth + barWidth * range.lower, to = labelWidth + barWidth * range.upper
                    svg += "<path d=\"M\(number(from)) \(number(y + 16.5))H\(number(to))M\(number(from)) \(number(y + 15))V\(number(y + 18))M\(number(to)) \(number(y + 15))V\(number(y + 18))\" stroke=\"#1a1a1a\" stroke-width=\"1\" fill=\"none\"/>"
                }
                let caption = row.tally.votes == 0 ? words("report.noVotes") : words("report.barCaption", [
                    "agree": percent(row.tally.agreeRate), "low": percent(range.lower), "high": percent(range.upper),
                    "disagree": percent(row.tally.disagreeRate), "votes": String(row.tally.votes),
                ])
                svg += "<text x=\"\(number(labelWidth + barWidth + 6))\" y=\"\(number(y + 12))\" class=\"value\">\(escape(caption))</text>"
            }
            return svg + "</svg></div>"
        }

        /// The legend for ``groupBars(_:)``.
        var barLegend: String {
            """
            <svg class="legend" viewBox="0 0 330 16" role="img" aria-label="\(escape(words("report.legend")))">\
            <rect x="0" y="3" width="12" height="10" fill="#1f3b2c"/><text x="16" y="12" class="label">\(escape(words("report.legendAgree")))</text>\
            <rect x="70" y="3" width="12" height="10" fill="#cfcfcf"/><text x="86" y="12" class="label">\(escape(words("report.legendPass")))</text>\
            <rect x="130" y="3" width="12" height="10" fill="url(#hatch)" stroke="#333" stroke-width="0.5"/>\
            <text x="146" y="12" class="label">\(escape(words("report.legendDisagree")))</text></svg>
            """
        }

        /// Horizontal bars of labelled values (people per group, talk time ...).
        func valueBars(_ rows: [(label: String, value: Double, caption: String)], fill: String = "#3d3d3d") -> String {
            let labelWidth = 130.0, barWidth = 240.0, rowHeight = 20.0
            let maximum = max(rows.map(\.value).max() ?? 1, 1e-9)
            var svg = "<div class=\"chart\"><svg class=\"bars\" viewBox=\"0 0 \(number(labelWidth + barWidth + 230)) \(number(Double(rows.count) * rowHeight + 2))\" role=\"img\">"
            for (index, row) in rows.enumerated() {
                let y = Double(index) * rowHeight + 1
                svg += "<text x=\"\(number(labelWidth - 6))\" y=\"\(number(y + 13))\" text-anchor=\"end\" class=\"label\">\(escape(row.label))</text>"
                svg += "<rect x=\"\(number(labelWidth))\" y=\"\(number(y + 3))\" width=\"\(number(max(barWidth * row.value / maximum, 0.5)))\" height=\"13\" fill=\"\(fill)\"/>"
                svg += "<text x=\"\(number(labelWidth + barWidth * row.value / maximum + 6))\" y=\"\(number(y + 13))\" class=\"value\">\(escape(row.caption))</text>"
            }
            return svg + "</svg></div>"
        }

        /// The opinion map: people as markers, fill by opinion group, shape by declared group,
        /// and each group's letter at its centre.
        func opinionMap(_ points: [HarvestReportInput.MapPoint], groups: [String]) -> String {
            guard !points.isEmpty else { return "" }
            let size = 360.0, pad = 18.0
            let xs = points.map(\.x), ys = points.map(\.y)
            let (minX, maxX, minY, maxY) = (xs.min()!, xs.max()!, ys.min()!, ys.max()!)
            let spanX = max(maxX - minX, 1e-9), spanY = max(maxY - minY, 1e-9)
            func px(_ x: Double) -> Double { pad + (x - minX) / spanX * (size - 2 * pad) }
            func py(_ y: Double) -> Double { size - pad - (y - minY) / spanY * (size - 2 * pad) }
            let declared = Array(Set(points.compactMap(\.declaredGroup))).sorted()
            var svg = "<svg class=\"map\" viewBox=\"0 0 \(number(size)) \(number(size))\" role=\"img\" aria-label=\"\(escape(words("report.map")))\">"
            svg += "<rect x=\"0.5\" y=\"0.5\" width=\"\(number(size - 1))\" height=\"\(number(size - 1))\" fill=\"#fff\" stroke=\"#bbb\"/>"
            for point in points {
                let fill = groupFills[(groups.firstIndex(of: point.opinionGroup) ?? 0) % groupFills.count]
                let shape = point.declaredGroup.flatMap { declared.firstIndex(of: $0) } ?? 0
                svg += marker(shape: shape, x: px(point.x), y: py(point.y), radius: 4.5, fill: fill)
            }
            for group in groups {
                let members = points.filter { $0.opinionGroup == group }
                guard !members.isEmpty else { continue }
                let cx = px(members.map(\.x).reduce(0, +) / Double(members.count))
                let cy = py(members.map(\.y).reduce(0, +) / Double(members.count))
                svg += "<circle cx=\"\(number(cx))\" cy=\"\(number(cy))\" r=\"11\" fill=\"#fff\" stroke=\"#000\" stroke-width=\"1.5\" opacity=\"0.9\"/>"
                svg += "<text x=\"\(number(cx))\" y=\"\(number(cy + 4.5))\" text-anchor=\"middle\" class=\"group-letter\">\(escape(group))</text>"
            }
            return svg + "</svg>"
        }

        /// Legend for the opinion map: fills for opinion groups, shapes for declared groups.
        func mapLegend(groups: [String], declared: [String]) -> String {
            var svg = "<svg class=\"legend\" viewBox=\"0 0 360 \(number(Double(max(groups.count, declared.count)) * 18 + 4))\" role=\"img\" aria-label=\"\(escape(words("report.mapLegend")))\">"
            for (index, group) in groups.enumerated() {
                svg += marker(shape: 0, x: 10, y: Double(index) * 18 + 10, radius: 5, fill: groupFills[index % groupFills.count])
                svg += "<text x=\"22\" y=\"\(number(Double(index) * 18 + 14))\" class=\"label\">\(escape(words("report.mapGroup", ["group": group])))</text>"
            }
            for (index, name) in declared.enumerated() {
                svg += marker(shape: index, x: 190, y: Double(index) * 18 + 10, radius: 5, fill: "#fff")
                svg += "<text x=\"202\" y=\"\(number(Double(index) * 18 + 14))\" class=\"label\">\(escape(name))</text>"
            }
            return svg + "</svg>"
        }
    }

    /// Circle, square, triangle, diamond, cross, then repeating.
    static func marker(shape: Int, x: Double, y: Double, radius r: Double, fill: String) -> String {
        let stroke = "stroke=\"#000\" stroke-width=\"1\" fill=\"\(fill)\""
        switch shape % 5 {
        case 1:
            return "<rect x=\"\(number(x - r))\" y=\"\(number(y - r))\" width=\"\(number(2 * r))\" height=\"\(number(2 * r))\" \(stroke)/>"
        case 2:
            return "<polygon points=\"\(number(x)),\(number(y - r * 1.2)) \(number(x + r * 1.1)),\(number(y + r * 0.8)) \(number(x - r * 1.1)),\(number(y + r * 0.8))\" \(stroke)/>"
        case 3:
            return "<polygon points=\"\(number(x)),\(number(y - r * 1.3)) \(number(x + r * 1.3)),\(number(y)) \(number(x)),\(number(y + r * 1.3)) \(number(x - r * 1.3)),\(number(y))\" \(stroke)/>"
        case 4:
            let a = r * 0.45
            return "<polygon points=\"\(number(x - a)),\(number(y - r)) \(number(x + a)),\(number(y - r)) \(number(x + a)),\(number(y - a)) \(number(x + r)),\(number(y - a)) \(number(x + r)),\(number(y + a)) \(number(x + a)),\(number(y + a)) \(number(x + a)),\(number(y + r)) \(number(x - a)),\(number(y + r)) \(number(x - a)),\(number(y + a)) \(number(x - r)),\(number(y + a)) \(number(x - r)),\(number(y - a)) \(number(x - a)),\(number(y - a))\" \(stroke)/>"
        default:
            return "<circle cx=\"\(number(x))\" cy=\"\(number(y))\" r=\"\(number(r))\" \(stroke)/>"
        }
    }
}
