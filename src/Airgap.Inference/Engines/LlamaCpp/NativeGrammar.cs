using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using Airgap.Inference.Errors;
using LLama.Native;

namespace Airgap.Inference.Engines.LlamaCpp;

/// <summary>
/// Parses a GBNF grammar with llama.cpp's own parser and adds the sampler to a chain only when llama.cpp accepted
/// it. LLamaSharp's <c>AddGrammar</c> adds whatever <c>llama_sampler_init_grammar</c> returns, NULL included, and
/// a NULL sampler in a chain crashes the process at the first token.
/// </summary>
internal static class NativeGrammar
{
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr ModelVocab(IntPtr model);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr InitGrammar(IntPtr vocab, byte[] grammar, byte[] root);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void ChainAdd(IntPtr chain, IntPtr sampler);

    private sealed record Entries(ModelVocab Vocab, InitGrammar Init, ChainAdd Add);

    private static readonly Lazy<Entries> Native = new(Resolve);

    /// <summary>Adds <paramref name="grammar"/> to <paramref name="chain"/>, or throws <see cref="InvalidRequestException"/> naming <paramref name="field"/> with llama.cpp's reason.</summary>
    public static void AddTo(SafeLLamaSamplerChainHandle chain, SafeLlamaModelHandle model, string grammar, string field)
    {
        if (grammar.Contains('\0')) throw new InvalidRequestException(field, "a grammar must not contain a NUL character");
        var native = Native.Value;
        var chainAdded = false;
        var modelAdded = false;
        try
        {
            chain.DangerousAddRef(ref chainAdded);
            model.DangerousAddRef(ref modelAdded);
            var vocab = native.Vocab(model.DangerousGetHandle());
            IntPtr sampler;
            IReadOnlyList<string> errors;
            using (var capture = NativeLogCapture.Start())
            {
                sampler = native.Init(vocab, Utf8(grammar), Utf8("root"));
                errors = capture.Errors;
            }
            if (sampler == IntPtr.Zero)
                throw new InvalidRequestException(field, "llama.cpp refused the grammar" + (errors.Count > 0 ? ": " + string.Join("; ", errors) : ""));
            // The chain owns the sampler from here and frees it with itself.
            native.Add(chain.DangerousGetHandle(), sampler);
        }
        finally
        {
            if (modelAdded) model.DangerousRelease();
            if (chainAdded) chain.DangerousRelease();
        }
    }

    private static byte[] Utf8(string text)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }

    private static Entries Resolve()
    {
        LlamaNative.EnsureConfigured();
        var library = LoadedLibrary();
        T Export<T>(string name) where T : Delegate => Marshal.GetDelegateForFunctionPointer<T>(NativeLibrary.GetExport(library, name));
        return new Entries(Export<ModelVocab>("llama_model_get_vocab"), Export<InitGrammar>("llama_sampler_init_grammar"), Export<ChainAdd>("llama_sampler_chain_add"));
    }

    // LLamaSharp picks the libllama build for this CPU at run time and keeps its handle private; the exports must
    // come from that same library, whose NativeApi has loaded it by now.
    private static IntPtr LoadedLibrary()
    {
        var field = typeof(NativeApi).GetField("_loadedLlamaHandle", BindingFlags.NonPublic | BindingFlags.Static);
        if (field?.GetValue(null) is IntPtr handle && handle != IntPtr.Zero) return handle;
        throw new InvalidOperationException("cannot find the llama.cpp library LLamaSharp loaded, so grammars cannot be checked");
    }
}
