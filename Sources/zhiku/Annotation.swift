import ZhikuIndex

/// The annotator the CLI indexes with.
enum Annotation {
    static var `default`: KnowledgeExtractor { ExtractionKnowledge() }
}
