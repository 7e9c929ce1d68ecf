package app.router4ai.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Jackson recycles its parse and write buffers per thread by default; every request here runs on a
 * new virtual thread, so nothing was ever reused. A pool shared by all threads recycles them.
 */
@Configuration
class JsonBufferPool {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer sharedJsonBuffers() {
        return builder -> builder.factory(JsonFactory.builder()
                .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
                .build());
    }
}
