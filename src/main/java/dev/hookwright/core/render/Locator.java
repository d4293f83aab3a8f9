package dev.hookwright.core.render;

import dev.hookwright.core.Keys;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where each Kubernetes object of a stream sits in its text: the node tree of the YAML
 * (which keeps every node's position), walked in the order the manifest reader reads objects
 * — documents in order, {@code List} items expanded, an AdmissionReview's object — so the
 * n-th place found belongs to the n-th manifest read.
 */
final class Locator {
    /** The same bounds as the manifest reader: the text was read by it already. */
    private static final int MAX_CODE_POINTS = 8 * 1024 * 1024;
    private static final int MAX_ALIASES = 50;
    private static final int MAX_NESTING = 200;

    /**
     * One object: its kind and name (to check the pairing), where its document starts and,
     * when it has one, the span of its opt-in label's value. Offsets are characters of the text.
     */
    record Place(String kind, String name, int documentStart, Optional<Span> optInValue) {
    }

    /** {@code [start, end)} in characters. */
    record Span(int start, int end) {
    }

    private final String text;
    private final CodePoints codePoints;

    private Locator(String text) {
        this.text = text;
        this.codePoints = new CodePoints(text);
    }

    static List<Place> places(String text) {
        return new Locator(text).all();
    }

    private List<Place> all() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_NESTING);
        List<Place> places = new ArrayList<>();
        for (Node document : new Yaml(options).composeAll(new StringReader(text))) {
            if (document != null) {
                add(document, codePoints.chars(document.getStartMark().getIndex()), places);
            }
        }
        return places;
    }

    private void add(Node node, int documentStart, List<Place> places) {
        if (!(node instanceof MappingNode mapping)) {
            // Empty documents read as null; anything else the manifest reader refused already.
            return;
        }
        String kind = scalar(mapping, "kind").orElse("");
        Optional<Node> items = value(mapping, "items");
        if (kind.endsWith("List") && items.isPresent() && items.get() instanceof SequenceNode sequence) {
            sequence.getValue().forEach(item -> add(item, documentStart, places));
            return;
        }
        if ("AdmissionReview".equals(kind)) {
            value(mapping, "request").flatMap(request -> value(request, "object"))
                    .ifPresent(object -> add(object, documentStart, places));
            return;
        }
        Optional<Node> metadata = value(mapping, "metadata");
        String name = metadata.flatMap(m -> scalar(m, "name")).orElse("");
        Optional<Span> optIn = metadata.flatMap(m -> value(m, "labels"))
                .flatMap(labels -> value(labels, Keys.OPT_IN_LABEL))
                .filter(ScalarNode.class::isInstance)
                .map(label -> new Span(codePoints.chars(label.getStartMark().getIndex()),
                        codePoints.chars(label.getEndMark().getIndex())));
        places.add(new Place(kind, name, documentStart, optIn));
    }

    private static Optional<Node> value(Node node, String key) {
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode scalar && key.equals(scalar.getValue())) {
                    return Optional.of(tuple.getValueNode());
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> scalar(Node node, String key) {
        return value(node, key).filter(ScalarNode.class::isInstance).map(v -> ((ScalarNode) v).getValue());
    }

    /** The YAML parser counts positions in code points; the text is indexed in chars. */
    private static final class CodePoints {
        private final String text;
        private final boolean sameAsChars;

        CodePoints(String text) {
            this.text = text;
            this.sameAsChars = text.codePointCount(0, text.length()) == text.length();
        }

        int chars(int codePointIndex) {
            return sameAsChars ? codePointIndex : text.offsetByCodePoints(0, codePointIndex);
        }
    }
}
