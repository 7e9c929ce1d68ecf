package app.router4ai.demo;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** Try-it mode: stand-in providers, served by the router itself, that answer in each provider's wire format. */
@Component
@Profile("demo")
class DemoProviderRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("platform-http:/demo/openai/v1/chat/completions?httpMethodRestrict=POST")
                .routeId("demo-provider-openai")
                .process("demoOpenAiProvider");
        from("platform-http:/demo/openai/v1/embeddings?httpMethodRestrict=POST")
                .routeId("demo-provider-openai-embeddings")
                .process("demoEmbeddings");
        from("platform-http:/demo/deepseek/v1/chat/completions?httpMethodRestrict=POST")
                .routeId("demo-provider-deepseek")
                .process("demoOpenAiProvider");
        from("platform-http:/demo/anthropic/v1/messages?httpMethodRestrict=POST")
                .routeId("demo-provider-anthropic")
                .process("demoAnthropicProvider");
        // Gemini's methods are "{model}:generateContent", "{model}:streamGenerateContent" and
        // "{model}:batchEmbedContents": one path segment, split by the processor.
        from("platform-http:/demo/gemini/v1beta/models/{action}?httpMethodRestrict=POST")
                .routeId("demo-provider-gemini")
                .process("demoGeminiProvider");
    }
}
