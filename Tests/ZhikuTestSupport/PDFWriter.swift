import Foundation

/// Writes small, valid PDFs for the reader's tests: text in any BMP script (a Type0 font with
/// Identity-H codes and a ToUnicode map, so that Chinese extracts without CJK font packages),
/// placed line by line; pages of pictures only (a scan); document information. Offsets and the
/// cross-reference table are computed, so poppler reads the file without repairs.
public struct PDFWriter {
    /// A line of text: its left edge and top in points from the page's top-left, its size.
    public struct Line {
        public var x: Double, top: Double, size: Double
        public var text: String
        public init(x: Double, top: Double, size: Double, _ text: String) {
            self.x = x; self.top = top; self.size = size; self.text = text
        }
    }

    public var pages: [[Line]] = []
    /// Pages (by index) that hold a picture and no text.
    public var imagePages: Set<Int> = []
    public var title: String?
    public var width = 595.0, height = 842.0

    public init(pages: [[Line]] = [], title: String? = nil) {
        self.pages = pages
        self.title = title
    }

    /// Lines of body text set as a Chinese official document sets them: `size`-point type,
    /// `perLine` characters a line from `left`, paragraphs indented two characters, wrapped
    /// mid-sentence; the top of the next line after `top`.
    public static func paragraph(_ text: String, top: inout Double, left: Double = 90, size: Double = 16, perLine: Int = 26) -> [Line] {
        var lines: [Line] = []
        var chars = Array(text)
        var first = true
        while !chars.isEmpty {
            let n = first ? perLine - 2 : perLine
            let piece = String(chars.prefix(n))
            chars.removeFirst(min(n, chars.count))
            lines.append(Line(x: first ? left + 2 * size : left, top: top, size: size, piece))
            top += size * 1.75
            first = false
        }
        return lines
    }

    public func data() -> Data {
        var objects: [Int: String] = [:]      // text objects
        var streams: [Int: (dict: String, body: [UInt8])] = [:]
        let fontID = 3, cidFontID = 4, toUnicodeID = 5, descriptorID = 6, imageID = 7, infoID = 8
        var next = 9
        var pageIDs: [Int] = []
        for (index, lines) in pages.enumerated() {
            let pageID = next, contentID = next + 1
            next += 2
            pageIDs.append(pageID)
            var content = ""
            if imagePages.contains(index) {
                content = "q \(Int(width - 100)) 0 0 \(Int(height - 100)) 50 50 cm /Im1 Do Q\n"
            }
            for line in lines {
                let baseline = height - line.top - line.size * 0.88
                let hex = line.text.utf16.map { String(format: "%04X", $0) }.joined()
                content += String(format: "BT /F1 %.2f Tf %.2f %.2f Td <%@> Tj ET\n", line.size, line.x, baseline, hex)
            }
            streams[contentID] = ("", Array(content.utf8))
            objects[pageID] = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(Int(width)) \(Int(height))] /Contents \(contentID) 0 R /Resources << /Font << /F1 \(fontID) 0 R >> /XObject << /Im1 \(imageID) 0 R >> >> >>"
        }
        objects[1] = "<< /Type /Catalog /Pages 2 0 R >>"
        objects[2] = "<< /Type /Pages /Kids [\(pageIDs.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(pageIDs.count) >>"
        objects[fontID] = "<< /Type /Font /Subtype /Type0 /BaseFont /ZhikuTestSans /Encoding /Identity-H /DescendantFonts [\(cidFontID) 0 R] /ToUnicode \(toUnicodeID) 0 R >>"
        objects[cidFontID] = "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ZhikuTestSans /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor \(descriptorID) 0 R /DW 1000 /W [32 126 500] /CIDToGIDMap /Identity >>"
        objects[descriptorID] = "<< /Type /FontDescriptor /FontName /ZhikuTestSans /Flags 4 /FontBBox [0 -120 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>"
        var cmap = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def /CMapName /Adobe-Identity-UCS def /CMapType 2 def 1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        for block in stride(from: 0, to: 256, by: 100) {
            let upper = min(block + 100, 256)
            cmap += "\(upper - block) beginbfrange\n"
            for hi in block..<upper {
                cmap += String(format: "<%02X00> <%02XFF> <%02X00>\n", hi, hi, hi)
            }
            cmap += "endbfrange\n"
        }
        cmap += "endcmap CMapName currentdict /CMap defineresource pop end end\n"
        streams[toUnicodeID] = ("", Array(cmap.utf8))
        streams[imageID] = ("/Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8", (0..<64).map { UInt8(($0 * 37) & 0xFF) })
        if let title {
            let hex = "FEFF" + title.utf16.map { String(format: "%04X", $0) }.joined()
            objects[infoID] = "<< /Title <\(hex)> /Producer (zhiku tests) /CreationDate (D:20240102030405Z) >>"
        } else {
            objects[infoID] = "<< /Producer (zhiku tests) >>"
        }

        var out: [UInt8] = Array("%PDF-1.7\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".utf8)
        var offsets: [Int: Int] = [:]
        let count = next
        for id in 1..<count {
            offsets[id] = out.count
            if let s = streams[id] {
                out += Array("\(id) 0 obj\n<< \(s.dict) /Length \(s.body.count) >>\nstream\n".utf8)
                out += s.body
                out += Array("\nendstream\nendobj\n".utf8)
            } else if let o = objects[id] {
                out += Array("\(id) 0 obj\n\(o)\nendobj\n".utf8)
            } else {
                out += Array("\(id) 0 obj\nnull\nendobj\n".utf8)
            }
        }
        let xref = out.count
        var table = "xref\n0 \(count)\n0000000000 65535 f \n"
        for id in 1..<count { table += String(format: "%010d 00000 n \n", offsets[id]!) }
        table += "trailer\n<< /Size \(count) /Root 1 0 R /Info \(infoID) 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        out += Array(table.utf8)
        return Data(out)
    }
}
