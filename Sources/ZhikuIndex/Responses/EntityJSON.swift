import Foundation
import ZhikuExtract
import ZhikuText

/// The records of extraction.md, written with ``JSONWriter`` in a fixed key order.
public enum EntityJSON {
    public static func writeFigure(_ f: Figure, to w: inout JSONWriter) {
        w.beginObject()
        writeFigureFields(f, to: &w)
        w.endObject()
    }

    static func writeFigureFields(_ f: Figure, to w: inout JSONWriter) {
        w.field("surface", f.surface)
        w.field("start", f.start)
        w.field("end", f.end)
        w.field("value", f.value, digits: 6)
        if let m = f.valueMax { w.field("value_max", m, digits: 6) }
        w.field("unit", f.unit)
        w.field("kind", f.kind)
        w.field("approx", f.approx)
    }

    public static func writeDate(_ d: DateMention, to w: inout JSONWriter) {
        w.beginObject()
        writeDateFields(d, to: &w)
        w.endObject()
    }

    static func writeDateFields(_ d: DateMention, to w: inout JSONWriter) {
        w.field("surface", d.surface)
        w.field("start", d.start)
        w.field("end", d.end)
        w.field("value", d.value)
        w.field("granularity", d.granularity)
        if let m = d.mod { w.field("mod", m) }
        if d.lowConfidence { w.field("low_confidence", true) }
        if let r = d.role { w.field("role", r) }
    }

    public static func writeEntities(_ e: Entities, to w: inout JSONWriter) {
        w.beginObject()
        w.key("figures"); w.beginArray(); e.figures.forEach { writeFigure($0, to: &w) }; w.endArray()
        w.key("dates"); w.beginArray(); e.dates.forEach { writeDate($0, to: &w) }; w.endArray()
        w.key("orgs"); w.beginArray()
        for o in e.orgs {
            w.beginObject()
            w.field("surface", o.surface); w.field("start", o.start); w.field("end", o.end)
            if let c = o.canonical { w.field("canonical", c) }
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }

    public static func entities(_ e: Entities) -> String { var w = JSONWriter(); writeEntities(e, to: &w); return w.output }
    public static func figure(_ f: Figure) -> String { var w = JSONWriter(); writeFigure(f, to: &w); return w.output }
    public static func date(_ d: DateMention) -> String { var w = JSONWriter(); writeDate(d, to: &w); return w.output }
}
