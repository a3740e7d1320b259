/// The linear model that scores fact candidates: a weighted sum of ``FactFeature`` values plus a
/// bias, with the weights `Tools/fit-fact-weights.py` fits (a logistic regression on the
/// development sets, evaluated with whole source folders held out) and writes to ``FactWeights``.
/// A candidate is answered only when its score reaches the fitted threshold.
struct FactModel: Sendable {
    var weights: [Double]
    var bias: Double
    var threshold: Double

    /// The generated weights.
    static let fitted = FactModel(weights: FactFeature.allCases.map { FactWeights.weights[$0.name] ?? 0 },
                                  bias: FactWeights.bias, threshold: FactWeights.threshold)

    func score(_ x: FactFeatures) -> Double {
        var s = bias
        for i in 0..<weights.count { s += weights[i] * x.values[i] }
        return s
    }

    /// The features that made a candidate win: those adding to its score, largest first.
    func why(_ x: FactFeatures, top: Int = 6) -> [(feature: String, value: Double, contribution: Double)] {
        FactFeature.allCases.compactMap { f -> (String, Double, Double)? in
            let c = weights[f.rawValue] * x[f]
            return c > 0.05 ? (f.name, x[f], c) : nil
        }.sorted { $0.2 > $1.2 }.prefix(top).map { $0 }
    }
}
