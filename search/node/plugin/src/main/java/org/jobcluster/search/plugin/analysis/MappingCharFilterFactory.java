package org.jobcluster.search.plugin.analysis;

import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractCharFilterFactory;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.analysis.NormalizingCharFilterFactory;

import java.io.Reader;
import java.util.List;

/**
 * The {@code mapping} character filter. Rules come from {@code mappings} or
 * {@code mappings_path}, one {@code "from => to"} per entry. Both sides may use the escapes
 * of Elasticsearch: a backslash before n, r, t, b or f, before u and four hexadecimal digits,
 * or before any other character, which it then stands for.
 */
public class MappingCharFilterFactory extends AbstractCharFilterFactory implements NormalizingCharFilterFactory {

    private static final String ARROW = "=>";

    private final NormalizeCharMap charMap;

    public MappingCharFilterFactory(IndexSettings indexSettings, Environment environment, String name, Settings settings) {
        super(name);
        List<String> rules = Analysis.getWordList(environment, settings, "mappings");
        if (rules == null) {
            throw new IllegalArgumentException("mapping char filter [" + name + "] requires [mappings] or [mappings_path]");
        }

        NormalizeCharMap.Builder builder = new NormalizeCharMap.Builder();
        for (String rule : rules) {
            int arrow = rule.indexOf(ARROW);
            String from = arrow < 0 ? "" : unescape(rule.substring(0, arrow).trim());
            if (from.isEmpty()) {
                throw new IllegalArgumentException("invalid mapping rule [" + rule + "] in char filter [" + name + "], expected \"from => to\"");
            }
            builder.add(from, unescape(rule.substring(arrow + ARROW.length()).trim()));
        }
        charMap = builder.build();
    }

    @Override
    public Reader create(Reader reader) {
        return new MappingCharFilter(charMap, reader);
    }

    private static String unescape(String text) {
        StringBuilder result = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char current = text.charAt(i);
            if (current != '\\' || i + 1 == text.length()) {
                result.append(current);
                continue;
            }

            char escaped = text.charAt(++i);
            switch (escaped) {
                case 'n' -> result.append('\n');
                case 'r' -> result.append('\r');
                case 't' -> result.append('\t');
                case 'b' -> result.append('\b');
                case 'f' -> result.append('\f');
                case 'u' -> {
                    if (i + 4 >= text.length()) {
                        throw new IllegalArgumentException("invalid unicode escape in mapping rule [" + text + "]");
                    }
                    result.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> result.append(escaped);
            }
        }
        return result.toString();
    }
}
