package app.router4ai.dashboard;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Quickstart: the product page's Node, Python and curl snippets, pointed at this router. */
@Controller
class QuickstartController {

    @GetMapping("/app/quickstart")
    String quickstart(Model model) {
        // scheme://host[:port] as the browser reached us (behind a proxy, from its X-Forwarded-* headers).
        String baseUrl = ServletUriComponentsBuilder.fromCurrentContextPath().path("/v1").build().toUriString();
        model.addAttribute("nav", "quickstart");
        model.addAttribute("baseUrl", baseUrl);
        return "quickstart";
    }
}
