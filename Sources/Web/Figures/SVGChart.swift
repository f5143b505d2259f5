import Foundation

/// Charts drawn on the server as SVG text: no script, readable without JavaScript, and every
/// label escaped. Each chart carries a `<title>` and `role="img"` for screen readers.
enum SVGChart {
    static let width = 640.0
    static let height = 220.0
    static let left = 56.0, right = 16.0, top = 16.0, bottom = 40.0

    /// Text made safe inside SVG elements and attributes: the same escaping as HTML text.
    static func escape(_ text: String) -> String { HTMLPage.escape(text) }

    static func number(_ value: Double) -> String { String(format: "%.1f", value) }

    private static func open(_ title: String, height: Double = height) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(escape(title))\" "
            + "class=\"chart\" width=\"\(Int(width))\" height=\"\(Int(height))\"><title>\(escape(title))</title>"
    }

    /// One figure by month as a line; a month without a value breaks the line. A dashed line
    /// marks the contract's target.
    static func line(title: String, points: [(label: String, value: Double?)], format: (Double) -> String, target: Double?) -> String {
        let values = points.compactMap(\.value) + (target.map { [$0] } ?? [])
        let top = max(values.max() ?? 1, 0) * 1.1
        let ceiling = top > 0 ? top : 1
        let plotWidth = width - left - right, plotHeight = height - Self.top - bottom
        func x(_ index: Int) -> Double { left + (points.count > 1 ? Double(index) * plotWidth / Double(points.count - 1) : plotWidth / 2) }
        func y(_ value: Double) -> Double { Self.top + plotHeight * (1 - value / ceiling) }
        var svg = open(title)
        svg +=
            "<line x1=\"\(number(left))\" y1=\"\(number(y(0)))\" x2=\"\(number(width - right))\" y2=\"\(number(y(0)))\" stroke=\"#d5dde5\"/>"
        for fraction in [0.5, 1.0] {
            let value = ceiling / 1.1 * fraction
            svg +=
                "<text x=\"\(number(left - 6))\" y=\"\(number(y(value) + 4))\" text-anchor=\"end\" font-size=\"11\" fill=\"#5b6b7a\">\(escape(format(value)))</text>"
        }
        if let target {
            svg +=
                "<line x1=\"\(number(left))\" y1=\"\(number(y(target)))\" x2=\"\(number(width - right))\" y2=\"\(number(y(target)))\" stroke=\"#a4262c\" stroke-dasharray=\"4 4\"/>"
            svg +=
                "<text x=\"\(number(width - right))\" y=\"\(number(y(target) - 4))\" text-anchor=\"end\" font-size=\"11\" fill=\"#a4262c\">target \(escape(format(target)))</text>"
        }
        var segments: [[String]] = [[]]
        for (index, point) in points.enumerated() {
            guard let value = point.value else {
                segments.append([])
                continue
            }
            segments[segments.count - 1].append("\(number(x(index))),\(number(y(value)))")
            svg +=
                "<circle cx=\"\(number(x(index)))\" cy=\"\(number(y(value)))\" r=\"3\" fill=\"#0b6e6e\"><title>\(escape(point.label)): \(escape(format(value)))</title></circle>"
        }
        for segment in segments where segment.count > 1 {
            svg += "<polyline fill=\"none\" stroke=\"#0b6e6e\" stroke-width=\"2\" points=\"\(segment.joined(separator: " "))\"/>"
        }
        for (index, point) in points.enumerated() {
            svg +=
                "<text x=\"\(number(x(index)))\" y=\"\(number(height - 16))\" text-anchor=\"middle\" font-size=\"11\" fill=\"#5b6b7a\">\(escape(point.label))</text>"
        }
        return svg + "</svg>"
    }

    /// Horizontal bars, one per item, with its caption.
    static func bars(title: String, items: [(label: String, value: Double, caption: String)]) -> String {
        let rowHeight = 28.0
        let chartHeight = Self.top + Double(items.count) * rowHeight + 8
        let largest = max(items.map(\.value).max() ?? 0, 0)
        let labelWidth = 90.0, captionWidth = 170.0
        let plotWidth = width - labelWidth - captionWidth - right
        var svg = open(title, height: chartHeight).replacingOccurrences(
            of: "0 0 \(Int(width)) \(Int(height))", with: "0 0 \(Int(width)) \(Int(chartHeight))")
        for (index, item) in items.enumerated() {
            let y = Self.top + Double(index) * rowHeight
            let length = largest > 0 ? max(item.value, 0) / largest * plotWidth : 0
            svg +=
                "<text x=\"\(number(labelWidth - 8))\" y=\"\(number(y + 17))\" text-anchor=\"end\" font-size=\"12\">\(escape(item.label))</text>"
            svg +=
                "<rect x=\"\(number(labelWidth))\" y=\"\(number(y + 4))\" width=\"\(number(length))\" height=\"18\" fill=\"#0b6e6e\"><title>\(escape(item.label)): \(escape(item.caption))</title></rect>"
            svg +=
                "<text x=\"\(number(labelWidth + length + 6))\" y=\"\(number(y + 17))\" font-size=\"12\" fill=\"#5b6b7a\">\(escape(item.caption))</text>"
        }
        return svg + "</svg>"
    }

    /// A Pareto chart: bars by count, largest first, and the cumulative share as a line.
    static func pareto(title: String, items: [(label: String, count: Int)]) -> String {
        let total = Double(items.reduce(0) { $0 + $1.count })
        let largest = Double(items.map(\.count).max() ?? 0)
        let plotWidth = width - left - right - 40, plotHeight = height - top - bottom
        let slot = items.isEmpty ? plotWidth : plotWidth / Double(items.count)
        var svg = open(title)
        var cumulative = 0.0
        var points: [String] = []
        for (index, item) in items.enumerated() {
            let x = left + Double(index) * slot
            let barHeight = largest > 0 ? Double(item.count) / largest * plotHeight : 0
            svg +=
                "<rect x=\"\(number(x + slot * 0.1))\" y=\"\(number(top + plotHeight - barHeight))\" width=\"\(number(slot * 0.8))\" height=\"\(number(barHeight))\" fill=\"#0b6e6e\"><title>\(escape(item.label)): \(item.count) claims</title></rect>"
            svg +=
                "<text x=\"\(number(x + slot / 2))\" y=\"\(number(height - 16))\" text-anchor=\"middle\" font-size=\"10\" fill=\"#5b6b7a\">\(escape(item.label))</text>"
            cumulative += Double(item.count)
            let share = total > 0 ? cumulative / total : 0
            points.append("\(number(x + slot / 2)),\(number(top + plotHeight * (1 - share)))")
        }
        if points.count > 1 {
            svg += "<polyline fill=\"none\" stroke=\"#b7791f\" stroke-width=\"2\" points=\"\(points.joined(separator: " "))\"/>"
        }
        svg +=
            "<text x=\"\(number(width - right))\" y=\"\(number(top + 4))\" text-anchor=\"end\" font-size=\"11\" fill=\"#b7791f\">100% cumulative</text>"
        return svg + "</svg>"
    }
}
