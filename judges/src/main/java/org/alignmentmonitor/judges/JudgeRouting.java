package org.alignmentmonitor.judges;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.alignmentmonitor.avro.Interaction;

/**
 * Which endpoint judges an interaction. Routes are tried in order; each matches
 * {@code model:version} of the interaction against a glob ({@code *} any run, {@code ?} one
 * character). The self-classifier is routed to the endpoint serving the very model version that
 * produced the completion; the overseer usually has one catch-all route to a different model.
 */
public final class JudgeRouting {

    public record Route(String glob, ChatEndpoint endpoint) {
        Pattern pattern() {
            StringBuilder regex = new StringBuilder();
            for (char c : glob.toCharArray()) {
                switch (c) {
                    case '*' -> regex.append(".*");
                    case '?' -> regex.append('.');
                    default -> regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return Pattern.compile(regex.toString());
        }
    }

    private final List<Route> routes;
    private final List<Pattern> patterns;

    public JudgeRouting(List<Route> routes) {
        this.routes = List.copyOf(routes);
        this.patterns = this.routes.stream().map(Route::pattern).toList();
    }

    /** Every interaction to one endpoint (the overseer). */
    public static JudgeRouting single(ChatEndpoint endpoint) {
        return new JudgeRouting(List.of(new Route("*", endpoint)));
    }

    public List<Route> routes() {
        return routes;
    }

    public Optional<ChatEndpoint> endpointFor(Interaction interaction) {
        String key = interaction.getModel() + ":" + interaction.getVersion();
        for (int i = 0; i < routes.size(); i++) {
            if (patterns.get(i).matcher(key).matches()) {
                return Optional.of(routes.get(i).endpoint());
            }
        }
        return Optional.empty();
    }

    /**
     * Reads routes {@code <prefix>.<name>.match|url|model|keyEnv}, ordered by name, e.g.
     * <pre>
     * judge.self.1.match=llama-2-chat:13b*
     * judge.self.1.url=http://vllm-13b:8000
     * judge.self.1.model=meta-llama/Llama-2-13b-chat-hf
     * judge.self.1.keyEnv=VLLM_API_KEY
     * </pre>
     * A missing {@code match} means {@code *}.
     */
    public static JudgeRouting fromProperties(Properties properties, String prefix, UnaryOperator<String> env) {
        TreeSet<String> names = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(prefix + ".")) {
                String rest = key.substring(prefix.length() + 1);
                int dot = rest.lastIndexOf('.');
                if (dot > 0) {
                    names.add(rest.substring(0, dot));
                }
            }
        }
        List<Route> routes = new ArrayList<>();
        for (String name : names) {
            String p = prefix + "." + name + ".";
            String url = properties.getProperty(p + "url");
            String model = properties.getProperty(p + "model");
            if (url == null || model == null) {
                throw new IllegalArgumentException("route " + p + "* needs both url and model");
            }
            routes.add(new Route(properties.getProperty(p + "match", "*"),
                    ChatEndpoint.of(url, model, properties.getProperty(p + "keyEnv"), env)));
        }
        return new JudgeRouting(routes);
    }
}
