using Airgap.Server.Endpoints;
using Airgap.Server.Ollama;
using Airgap.Server.OpenAi;
using Airgap.Server.Tasks;

namespace Airgap.Server.Documentation;

/// <summary>
/// Request and response examples for every endpoint that reads a body, keyed "METHOD /route". The handlers read their
/// bodies themselves (to name the bad field), so the API description learns the body type from here.
/// </summary>
public static class ApiExamples
{
    public static IReadOnlyDictionary<string, ApiExample> ByRoute { get; } = new Dictionary<string, ApiExample>(StringComparer.Ordinal)
    {
        ["POST /api/generate"] = new(typeof(OllamaGenerateRequest),
            """{"model":"qwen3:0.6b","prompt":"Why is the sky blue?","stream":false,"options":{"temperature":0,"num_predict":64}}""",
            """{"model":"qwen3:0.6b","created_at":"2026-12-01T11:40:00Z","response":"Because air scatters blue light more than red.","done":true,"done_reason":"stop","total_duration":812000000,"load_duration":1000000,"prompt_eval_count":9,"prompt_eval_duration":41000000,"eval_count":12,"eval_duration":760000000}"""),
        ["POST /api/chat"] = new(typeof(OllamaChatRequest),
            """{"model":"qwen3:0.6b","messages":[{"role":"user","content":"Summarise: pump 3 bearing at 92 C"}],"stream":false}""",
            """{"model":"qwen3:0.6b","created_at":"2026-12-01T11:40:00Z","message":{"role":"assistant","content":"Pump 3's bearing is overheating."},"done":true,"done_reason":"stop","total_duration":812000000,"prompt_eval_count":18,"eval_count":9}"""),
        ["POST /api/embed"] = new(typeof(OllamaEmbedRequest),
            """{"model":"all-minilm","input":["the pump is overheating","invoice paid"]}""",
            """{"model":"all-minilm","embeddings":[[0.0123,-0.0456,0.0789],[0.0321,0.0654,-0.0987]],"total_duration":14000000,"load_duration":0,"prompt_eval_count":9}"""),
        ["POST /api/embeddings"] = new(typeof(OllamaEmbedRequest),
            """{"model":"all-minilm","prompt":"the pump is overheating"}""",
            """{"embedding":[0.0123,-0.0456,0.0789]}"""),
        ["POST /api/show"] = new(typeof(OllamaModelRequest), """{"model":"qwen3:0.6b"}"""),
        ["DELETE /api/delete"] = new(typeof(OllamaModelRequest), """{"model":"qwen3:0.6b"}"""),
        ["POST /api/copy"] = new(typeof(OllamaCopyRequest), """{"source":"qwen3:0.6b","destination":"assistant:latest"}"""),
        ["POST /api/pull"] = new(typeof(OllamaPullRequest), """{"model":"qwen3:0.6b","stream":false}""", """{"status":"success"}"""),
        ["POST /v1/chat/completions"] = new(typeof(OpenAiChatRequest),
            """{"model":"qwen3:0.6b","messages":[{"role":"system","content":"Answer in one sentence."},{"role":"user","content":"Why is the sky blue?"}],"max_tokens":64,"temperature":0}""",
            """{"id":"chatcmpl-1f2e3d","object":"chat.completion","created":1767225600,"model":"qwen3:0.6b","choices":[{"index":0,"message":{"role":"assistant","content":"Air scatters blue light more than red."},"finish_reason":"stop"}],"usage":{"prompt_tokens":24,"completion_tokens":10,"total_tokens":34}}"""),
        ["POST /v1/completions"] = new(typeof(OpenAiCompletionRequest),
            """{"model":"qwen3:0.6b","prompt":"Once upon a time","max_tokens":32}""",
            """{"id":"cmpl-1f2e3d","object":"text_completion","created":1767225600,"model":"qwen3:0.6b","choices":[{"index":0,"text":" there was a pump.","finish_reason":"stop"}],"usage":{"prompt_tokens":4,"completion_tokens":6,"total_tokens":10}}"""),
        ["POST /v1/embeddings"] = new(typeof(OpenAiEmbeddingRequest),
            """{"model":"all-minilm","input":"motor temperature too high"}""",
            """{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.0123,-0.0456,0.0789]}],"model":"all-minilm","usage":{"prompt_tokens":6,"total_tokens":6}}"""),
        ["POST /v1/responses"] = new(typeof(ResponsesRequest),
            """{"model":"qwen3:0.6b","instructions":"Answer in one sentence.","input":"Why is the sky blue?","max_output_tokens":64}""",
            """{"id":"resp_1f2e3d","object":"response","created_at":1767225600,"status":"completed","model":"qwen3:0.6b","output":[{"type":"message","id":"msg_1f2e3d","role":"assistant","status":"completed","content":[{"type":"output_text","text":"Air scatters blue light more than red.","annotations":[]}]}],"usage":{"input_tokens":20,"output_tokens":10,"total_tokens":30},"store":false}"""),
        ["POST /v1/classify"] = new(typeof(ClassifyRequest),
            """{"texts":["breaker tripped on line 4 after restart","pump 2 bearing is noisy"],"categories":["electrical","mechanical","software"],"examples":[{"text":"fuse blown on conveyor 3","label":"electrical"}]}""",
            """{"results":[{"category":"electrical","source":"llm"},{"category":"mechanical","source":"embeddings","confidence":0.7312,"nearest_example":0}],"model":"qwen3:0.6b","notes":[]}"""),
        ["POST /v1/autocomplete"] = new(typeof(AutocompleteRequest),
            """{"context":{"sample_type":"blood","equipment":"centrifuge C-2"},"parameter":"speed","limit":3}""",
            """{"parameter":"speed","suggestions":[{"value":"3000 rpm","score":0.5,"source":"history","count":1,"last_used":"2026-12-01T11:40:00.123+00:00"}],"notes":[]}"""),
        ["POST /v1/autocomplete/record"] = new(typeof(AutocompleteRecordRequest),
            """{"context":{"sample_type":"blood","equipment":"centrifuge C-2"},"parameter":"speed","value":"3000 rpm"}""",
            """{"parameter":"speed","value":"3000 rpm","count":1,"last_used":"2026-12-01T11:40:00.123+00:00"}"""),
        ["POST /v1/search/{collection}/texts"] = new(typeof(SearchAddRequest),
            """{"texts":[{"id":"p3","text":"Pump 3 is overheating: bearing temperature 92 C","metadata":{"line":3}}]}""",
            """{"collection":"incidents","ids":["p3"],"added":1,"embedded":true,"notes":[]}"""),
        ["POST /v1/search/{collection}"] = new(typeof(SearchQueryRequest),
            """{"query":"motor temperature too high","limit":3}""",
            """{"collection":"incidents","results":[{"id":"p3","text":"Pump 3 is overheating: bearing temperature 92 C","score":0.52,"metadata":{"line":3}}],"source":"embeddings","model":"all-minilm","notes":[]}"""),
        ["POST /v1/anomaly/detectors"] = new(typeof(CreateDetectorRequest),
            """{"name":"pump3","features":["temperature","vibration"],"algorithm":"isolation-forest"}"""),
        ["POST /v1/anomaly/detectors/{name}/train"] = new(typeof(AnomalyRowsRequest),
            """{"rows":[[61.2,0.31],[60.8,0.29],[62.0,0.33],[61.5,0.30],[60.9,0.32],[61.8,0.31],[61.1,0.28],[62.3,0.34],[60.7,0.30],[61.4,0.29]]}"""),
        ["POST /v1/anomaly/detectors/{name}/score"] = new(typeof(AnomalyRowsRequest),
            """{"rows":[{"temperature":92.0,"vibration":1.4}]}"""),
        ["POST /v1/anomaly/detectors/{name}/retrain"] = new(typeof(RetrainRequest), """{}"""),
        ["POST /v1/telemetry/{detector}"] = new(typeof(AnomalyRowsRequest), """{"rows":[{"temperature":92.0,"vibration":1.4}]}"""),
        ["POST /v1/logs/analyze"] = new(null,
            """{"entries":["2026-12-01 11:40:00 ERROR pump3 bearing temperature 92 C over limit 85 C"]}"""),
        ["POST /v1/vision/detect"] = new(typeof(VisionRequest), """{"model":"yolo:v8n","image":"<base64 JPEG or PNG>","confidence":0.25}"""),
        ["POST /v1/vision/classify"] = new(typeof(VisionRequest), """{"model":"mobilenet:v2","image":"<base64 JPEG or PNG>","top_k":3}"""),
        ["POST /v1/vision/read"] = new(typeof(VisionRequest),
            """{"image":"<base64 JPEG or PNG>","profile":{"parameters":[{"name":"Torque","unit":"Nm","max":50}]}}"""),
        ["POST /v2/models/{name}/infer"] = new(typeof(KServeInferRequest),
            """{"id":"r1","inputs":[{"name":"input_ids","shape":[1,4],"datatype":"INT64","data":[101,7592,2088,102]},{"name":"attention_mask","shape":[1,4],"datatype":"INT64","data":[1,1,1,1]},{"name":"token_type_ids","shape":[1,4],"datatype":"INT64","data":[0,0,0,0]}]}"""),
    };
}
