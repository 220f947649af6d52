using Mosovo.Api.Hosting;

namespace Mosovo.Tests.Hosting;

/// <summary>
/// Wolverine finds no handler by scanning: Messaging lists each one, and the API runs the code generated for each
/// ahead of time (build/codegen.sh). A handler listed without generated code would stop the start; generated code
/// for a handler whose signature changed no longer compiles.
/// </summary>
public sealed class when_message_handlers_are_registered
{
    [Fact]
    public void every_listed_handler_has_its_generated_code_and_nothing_else_has()
    {
        var generated = new Internal.Generated.WolverineHandlers.GeneratedHandlerRegistry().HandlerTypes();

        generated.ShouldBe(
            Messaging.Handlers, ignoreOrder: true, "run build/codegen.sh after adding or changing a handler");
    }

    [Fact]
    public void every_handler_handles_a_message_of_its_own()
    {
        var messages = Messaging.Handlers
            .Select(h => h.GetMethod("Handle")?.GetParameters().FirstOrDefault()?.ParameterType)
            .ToList();

        messages.ShouldAllBe(m => m != null, "each handler has a static Handle method taking its message first");
        messages.Distinct().Count().ShouldBe(messages.Count);
    }
}
