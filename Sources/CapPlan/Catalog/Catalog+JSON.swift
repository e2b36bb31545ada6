import Foundation

extension Catalog {
    /// Decodes a catalog from JSON bytes: the bundled resource, or a user's catalog file
    /// (`catalog load FILE.json`), in the same format.
    ///
    /// Format: `{"sources": {KEY: {"title", "url"?, "asOf"}}, "gpus": [...], "models": [...]}`.
    /// A figure is `{"value": x, "source": KEY or {"title", "asOf", "url"?}, "note"?}`, or a bare
    /// value (then unsourced: `validate()` reports it), or `null`. Figures a user file leaves
    /// out are absent; names need only an `id`.
    ///
    /// - Parameters:
    ///   - jsonBytes: UTF-8 JSON.
    ///   - knownSources: sources a user file may cite by key without defining them
    ///     (pass the bundled catalog's `sources`).
    /// - Throws: `CatalogError.invalidJSON` (with the JSON path) or `.unknownSource`.
    public init(jsonBytes: [UInt8], knownSources: [String: Source] = [:]) throws {
        let file: CatalogFileDTO
        do {
            file = try JSONDecoder().decode(CatalogFileDTO.self, from: Data(jsonBytes))
        } catch let error as DecodingError {
            throw CatalogError.invalidJSON(path: error.pathDescription, detail: error.detailDescription)
        } catch {
            throw CatalogError.invalidJSON(path: "", detail: "\(error)")
        }
        var sources = knownSources
        for (key, s) in file.sources ?? [:] {
            sources[key] = Source(key: key, title: s.title, url: s.url, asOf: s.asOf)
        }
        let resolver = SourceResolver(sources: sources)
        var catalog = Catalog(sources: sources)
        for (i, g) in (file.gpus ?? []).enumerated() {
            catalog = try catalog.adding(gpu: g.accelerator(path: "gpus[\(i)]", resolver))
        }
        for (i, m) in (file.models ?? []).enumerated() {
            catalog = try catalog.adding(model: m.model(path: "models[\(i)]", resolver))
        }
        self = catalog
    }
}

// MARK: - File shape (internal)

struct CatalogFileDTO: Decodable {
    var schemaVersion: Int?
    var sources: [String: SourceDTO]?
    var gpus: [GPUDTO]?
    var models: [ModelDTO]?
}

struct SourceDTO: Decodable {
    var title: String
    var url: String?
    var asOf: String
}

enum SourceRefDTO: Decodable {
    case key(String)
    case inline(SourceDTO)

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let k = try? c.decode(String.self) {
            self = .key(k)
        } else {
            self = .inline(try c.decode(SourceDTO.self))
        }
    }
}

/// A figure: `{"value", "source", "note"}`, a bare value, or null.
struct FigureDTO<V: Decodable & Sendable & Hashable>: Decodable {
    var value: V?
    var source: SourceRefDTO?
    var note: String?

    private enum Keys: String, CodingKey { case value, source, note }

    init(from decoder: Decoder) throws {
        if let c = try? decoder.singleValueContainer() {
            if c.decodeNil() { return }
            if let v = try? c.decode(V.self) {
                value = v
                return
            }
        }
        let k = try decoder.container(keyedBy: Keys.self)
        value = try k.decodeIfPresent(V.self, forKey: .value)
        source = try k.decodeIfPresent(SourceRefDTO.self, forKey: .source)
        note = try k.decodeIfPresent(String.self, forKey: .note)
    }
}

struct SourceResolver {
    var sources: [String: Source]

    func resolve<V>(_ f: FigureDTO<V>?, path: String, missing: String = "not given") throws -> Sourced<V> {
        guard let f else { return .absent(missing) }
        var source: Source?
        switch f.source {
        case .none: source = nil
        case let .key(k)?:
            guard let s = sources[k] else { throw CatalogError.unknownSource(path: path, key: k) }
            source = s
        case let .inline(s)?:
            source = Source(key: "inline", title: s.title, url: s.url, asOf: s.asOf)
        }
        if let v = f.value as? Double, !v.isFinite {
            throw CatalogError.invalidJSON(path: path, detail: "not a finite number")
        }
        return Sourced(f.value, source: source, note: f.note)
    }
}

struct NamesDTO: Decodable {
    var id: String
    var display: String?
    var aliases: [String]?

    var names: CatalogNames { CatalogNames(id: id, display: display ?? id, aliases: aliases ?? []) }
}

struct InterconnectDTO: Decodable {
    var kind: String
    var linkGBpsPerDirection: FigureDTO<Double>?
    var tensorParallelOverNVLink: FigureDTO<Bool>?
}

struct PricesDTO: Decodable {
    var onDemand: FigureDTO<Double>?
    var spot: FigureDTO<Double>?
    var reserved1y: FigureDTO<Double>?
    var reserved3y: FigureDTO<Double>?
}

struct GPUDTO: Decodable {
    /// `memoryGiB`, or a decimal `memoryGB` converted to GiB (× 10⁹ / 2³⁰) with a note.
    func memory(path: String, _ r: SourceResolver) throws -> Sourced<Double> {
        if memoryGiB != nil || memoryGB == nil { return try r.resolve(memoryGiB, path: "\(path).memoryGiB") }
        var figure = try r.resolve(memoryGB, path: "\(path).memoryGB")
        guard let gb = figure.value else { return figure }
        figure.value = gb * 1e9 / 1_073_741_824
        figure.note = [figure.note, "converted from \(NumberFormat.decimal(gb)) decimal GB (memoryGB)"].compactMap { $0 }.joined(separator: "; ")
        return figure
    }

    var names: NamesDTO
    var memoryGiB: FigureDTO<Double>?
    /// Decimal gigabytes, as catalog files before schema 2 wrote memory; read and converted.
    var memoryGB: FigureDTO<Double>?
    var bf16TFLOPS: FigureDTO<Double>?
    var fp8TFLOPS: FigureDTO<Double>?
    var int8TOPS: FigureDTO<Double>?
    var memoryBandwidthTBps: FigureDTO<Double>?
    var tdpWatts: FigureDTO<Double>?
    var interconnect: InterconnectDTO?
    var pricesPerGPUHour: PricesDTO?
    var notes: String?

    func accelerator(path: String, _ r: SourceResolver) throws -> Accelerator {
        let kind: Interconnect.Kind
        if let text = interconnect?.kind {
            guard let k = Interconnect.Kind(rawValue: text) else {
                throw CatalogError.invalidJSON(path: "\(path).interconnect.kind",
                                               detail: "'\(text)' is not one of nvlink, pcie, infinity-fabric")
            }
            kind = k
        } else {
            kind = .pcie
        }
        let noPrice = "no price given"
        return Accelerator(
            names: names.names,
            memoryGiB: try memory(path: path, r),
            bf16TFLOPS: try r.resolve(bf16TFLOPS, path: "\(path).bf16TFLOPS"),
            fp8TFLOPS: try r.resolve(fp8TFLOPS, path: "\(path).fp8TFLOPS"),
            int8TOPS: try r.resolve(int8TOPS, path: "\(path).int8TOPS"),
            memoryBandwidthTBps: try r.resolve(memoryBandwidthTBps, path: "\(path).memoryBandwidthTBps"),
            tdpWatts: try r.resolve(tdpWatts, path: "\(path).tdpWatts"),
            interconnect: Interconnect(
                kind: kind,
                linkGBpsPerDirection: try r.resolve(interconnect?.linkGBpsPerDirection, path: "\(path).interconnect.linkGBpsPerDirection"),
                tensorParallelOverNVLink: try r.resolve(interconnect?.tensorParallelOverNVLink, path: "\(path).interconnect.tensorParallelOverNVLink")),
            prices: GPUPrices(
                onDemand: try r.resolve(pricesPerGPUHour?.onDemand, path: "\(path).pricesPerGPUHour.onDemand", missing: noPrice),
                spot: try r.resolve(pricesPerGPUHour?.spot, path: "\(path).pricesPerGPUHour.spot", missing: noPrice),
                reserved1y: try r.resolve(pricesPerGPUHour?.reserved1y, path: "\(path).pricesPerGPUHour.reserved1y", missing: noPrice),
                reserved3y: try r.resolve(pricesPerGPUHour?.reserved3y, path: "\(path).pricesPerGPUHour.reserved3y", missing: noPrice)),
            notes: notes)
    }
}

struct ModelDTO: Decodable {
    var names: NamesDTO
    var kind: String
    var layers: FigureDTO<Int>?
    var dModel: FigureDTO<Int>?
    var queryHeads: FigureDTO<Int>?
    var kvHeads: FigureDTO<Int>?
    var headDim: FigureDTO<Int>?
    var ffnSize: FigureDTO<Int>?
    var vocabSize: FigureDTO<Int>?
    var totalParams: FigureDTO<Double>?
    var activeParams: FigureDTO<Double>?
    var experts: FigureDTO<Int>?
    var expertsPerToken: FigureDTO<Int>?
    var defaultPrecision: String?
    var contextLength: FigureDTO<Int>?
    var flopsPerRequest: FigureDTO<Double>?
    var quality: FigureDTO<Double>?
    var qualityBenchmark: String?
    var notes: String?

    func model(path: String, _ r: SourceResolver) throws -> ModelSpec {
        guard let kind = ModelKind(rawValue: self.kind) else {
            throw CatalogError.invalidJSON(path: "\(path).kind", detail: "'\(self.kind)' is not one of llm, encoder, asr, diffusion")
        }
        var precision = Precision.bf16
        if let text = defaultPrecision {
            guard let p = Precision(parsing: text) else {
                throw CatalogError.invalidJSON(path: "\(path).defaultPrecision", detail: "'\(text)' is not one of fp32, bf16, fp16, fp8, int8, int4")
            }
            precision = p
        }
        let total = try r.resolve(totalParams, path: "\(path).totalParams")
        let active = activeParams == nil ? total : try r.resolve(activeParams, path: "\(path).activeParams")
        return ModelSpec(
            names: names.names, kind: kind,
            layers: try r.resolve(layers, path: "\(path).layers"),
            dModel: try r.resolve(dModel, path: "\(path).dModel"),
            queryHeads: try r.resolve(queryHeads, path: "\(path).queryHeads"),
            kvHeads: try r.resolve(kvHeads, path: "\(path).kvHeads"),
            headDim: try r.resolve(headDim, path: "\(path).headDim"),
            ffnSize: try r.resolve(ffnSize, path: "\(path).ffnSize"),
            vocabSize: try r.resolve(vocabSize, path: "\(path).vocabSize"),
            totalParams: total, activeParams: active,
            experts: try experts.map { try r.resolve($0, path: "\(path).experts") },
            expertsPerToken: try expertsPerToken.map { try r.resolve($0, path: "\(path).expertsPerToken") },
            defaultPrecision: precision,
            contextLength: try r.resolve(contextLength, path: "\(path).contextLength"),
            flopsPerRequest: try r.resolve(flopsPerRequest, path: "\(path).flopsPerRequest", missing: "not applicable"),
            quality: try r.resolve(quality, path: "\(path).quality", missing: "no sourced score"),
            qualityBenchmark: qualityBenchmark, notes: notes)
    }
}

extension DecodingError {
    var pathDescription: String {
        let path: [CodingKey]
        switch self {
        case let .typeMismatch(_, c), let .valueNotFound(_, c), let .dataCorrupted(c): path = c.codingPath
        case let .keyNotFound(key, c): path = c.codingPath + [key]
        @unknown default: path = []
        }
        var out = ""
        for key in path {
            if let i = key.intValue { out += "[\(i)]" } else { out += out.isEmpty ? key.stringValue : ".\(key.stringValue)" }
        }
        return out
    }

    var detailDescription: String {
        switch self {
        case let .typeMismatch(type, _): return "expected \(type)"
        case .valueNotFound(let type, _): return "missing \(type) value"
        case .keyNotFound(let key, _): return "missing key '\(key.stringValue)'"
        case let .dataCorrupted(c):
            return c.codingPath.isEmpty ? "not valid JSON" : c.debugDescription
        @unknown default: return "cannot decode"
        }
    }
}
