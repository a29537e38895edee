package com.maskfill.engine.remote.comfyui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The graph one image of a job runs, in ComfyUI's API format: the official FLUX.1 Fill workflow
 * (hosted-apis-more.md §4) with this job's files and settings, or the user's own workflow with its placeholders
 * filled in.
 */
final class ComfyUiWorkflow {

    /** The placeholders a workflow of one's own uses as whole string values; Maskfill puts the job's values there. */
    static final List<String> PLACEHOLDERS = List.of("{{image}}", "{{mask}}", "{{prompt}}", "{{seed}}", "{{steps}}",
            "{{guidance}}");
    /** Without these a workflow cannot be this job: the photo, the mask, the prompt and a reproducible seed. */
    static final List<String> REQUIRED = List.of("{{image}}", "{{mask}}", "{{prompt}}", "{{seed}}");

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ComfyUiWorkflow() {
    }

    /** The values of one image of a job. */
    record Values(String image, String mask, String prompt, long seed, int steps, double guidance) {
    }

    /** The official workflow: loaders, text encoding, FluxGuidance, InpaintModelConditioning, KSampler, decode, save. */
    static ObjectNode official(ComfyUiModels models, Values v) {
        ObjectNode graph = JSON.objectNode();
        node(graph, "1", "UNETLoader").put("unet_name", models.unet()).put("weight_dtype", "default");
        node(graph, "2", "DualCLIPLoader").put("clip_name1", models.clipL()).put("clip_name2", models.t5())
                .put("type", "flux");
        node(graph, "3", "VAELoader").put("vae_name", models.vae());
        node(graph, "4", "LoadImage").put("image", v.image());
        // LoadImageMask on the red channel reads white as "fill", the convention of Maskfill's masks.
        node(graph, "5", "LoadImageMask").put("image", v.mask()).put("channel", "red");
        ObjectNode text = node(graph, "6", "CLIPTextEncode").put("text", v.prompt());
        text.set("clip", link("2", 0));
        ObjectNode guidance = node(graph, "7", "FluxGuidance").put("guidance", v.guidance());
        guidance.set("conditioning", link("6", 0));
        node(graph, "8", "ConditioningZeroOut").set("conditioning", link("6", 0));
        ObjectNode inpaint = node(graph, "9", "InpaintModelConditioning").put("noise_mask", true);
        inpaint.set("positive", link("7", 0));
        inpaint.set("negative", link("8", 0));
        inpaint.set("vae", link("3", 0));
        inpaint.set("pixels", link("4", 0));
        inpaint.set("mask", link("5", 0));
        String model = "1";
        if (models.differentialDiffusion()) {
            // Grey mask levels become per-pixel strength, as in the official template; older servers lack the node.
            node(graph, "10", "DifferentialDiffusion").set("model", link("1", 0));
            model = "10";
        }
        ObjectNode sampler = node(graph, "11", "KSampler").put("seed", v.seed()).put("steps", v.steps())
                .put("cfg", 1.0).put("sampler_name", "euler").put("scheduler", "normal").put("denoise", 1.0);
        sampler.set("model", link(model, 0));
        sampler.set("positive", link("9", 0));
        sampler.set("negative", link("9", 1));
        sampler.set("latent_image", link("9", 2));
        ObjectNode decode = node(graph, "12", "VAEDecode");
        decode.set("samples", link("11", 0));
        decode.set("vae", link("3", 0));
        node(graph, "13", "SaveImage").put("filename_prefix", "maskfill").set("images", link("12", 0));
        return graph;
    }

    /**
     * Checks a workflow of one's own before anything is uploaded or queued.
     *
     * @throws IllegalArgumentException saying what is wrong: not JSON, the editor's format instead of the API
     *                                  format, a node without class_type, missing placeholders, no output node
     */
    static ObjectNode parseCustom(String text) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the workflow is not JSON: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException("the workflow is not a JSON object of nodes");
        }
        if (tree.has("nodes") && tree.has("links")) {
            throw new IllegalArgumentException("the workflow is in the ComfyUI editor's format (it has \"nodes\" and "
                    + "\"links\"); export it in API format instead: in ComfyUI, Workflow ▸ Export (API)");
        }
        boolean saves = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> node = it.next();
            if (!node.getValue().path("class_type").isTextual() || !node.getValue().path("inputs").isObject()) {
                throw new IllegalArgumentException("node \"" + node.getKey() + "\" of the workflow has no class_type "
                        + "and inputs: is it in API format?");
            }
            saves |= node.getValue().path("class_type").asText().equals("SaveImage");
        }
        Set<String> found = new LinkedHashSet<>();
        collect(tree, found);
        List<String> missing = new ArrayList<>(REQUIRED);
        missing.removeAll(found);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the workflow lacks the placeholder" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " (as a whole input value, e.g. \"text\": \"{{prompt}}\")");
        }
        if (!saves) {
            throw new IllegalArgumentException("the workflow has no SaveImage node, so it would return no image");
        }
        return (ObjectNode) tree;
    }

    /** A copy of a checked workflow with the placeholders replaced: numbers as numbers, text as text. */
    static ObjectNode fill(ObjectNode template, Values v) {
        ObjectNode copy = template.deepCopy();
        replace(copy, v);
        return copy;
    }

    private static void replace(JsonNode node, Values v) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode value = object.get(name);
                JsonNode filled = value.isTextual() ? valueOf(value.asText(), v) : null;
                if (filled != null) {
                    object.set(name, filled);
                } else {
                    replace(value, v);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode filled = array.get(i).isTextual() ? valueOf(array.get(i).asText(), v) : null;
                if (filled != null) {
                    array.set(i, filled);
                } else {
                    replace(array.get(i), v);
                }
            }
        }
    }

    private static JsonNode valueOf(String text, Values v) {
        return switch (text) {
            case "{{image}}" -> JSON.textNode(v.image());
            case "{{mask}}" -> JSON.textNode(v.mask());
            case "{{prompt}}" -> JSON.textNode(v.prompt());
            case "{{seed}}" -> JSON.numberNode(v.seed());
            case "{{steps}}" -> JSON.numberNode(v.steps());
            case "{{guidance}}" -> JSON.numberNode(v.guidance());
            default -> null;
        };
    }

    private static void collect(JsonNode node, Set<String> found) {
        if (node.isTextual() && PLACEHOLDERS.contains(node.asText())) {
            found.add(node.asText());
        }
        node.forEach(child -> collect(child, found));
    }

    private static ObjectNode node(ObjectNode graph, String id, String classType) {
        ObjectNode node = graph.putObject(id);
        node.put("class_type", classType);
        return node.putObject("inputs");
    }

    private static ArrayNode link(String node, int output) {
        return JSON.arrayNode().add(node).add(output);
    }
}
