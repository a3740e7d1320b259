import ArgumentParser
import Foundation
import ZhikuIndex
import ZhikuServer

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, jsonl
}
