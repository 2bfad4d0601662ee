package org.jobcluster.search.plugin.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.reverse.ReverseStringFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;

/**
 * The {@code edge_ngram} token filter: {@code min_gram} (default 1), {@code max_gram}
 * (default 2), {@code side} ({@code front}, or {@code back} for suffixes) and
 * {@code preserve_original} (default false).
 */
public class EdgeNGramFilterFactory extends AbstractTokenFilterFactory {

    private final int minGram;
    private final int maxGram;
    private final boolean back;
    private final boolean preserveOriginal;

    public EdgeNGramFilterFactory(IndexSettings indexSettings, Environment environment, String name, Settings settings) {
        super(name, settings);
        minGram = settings.getAsInt("min_gram", 1);
        maxGram = settings.getAsInt("max_gram", 2);
        preserveOriginal = settings.getAsBoolean("preserve_original", false);
        NGramLimits.checkRange(name, minGram, maxGram);

        String side = settings.get("side", "front");
        if (side.equals("front") == false && side.equals("back") == false) {
            throw new IllegalArgumentException("invalid side [" + side + "] for edge_ngram filter [" + name + "], expected front or back");
        }
        back = side.equals("back");
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        if (back == false) {
            return new EdgeNGramTokenFilter(tokenStream, minGram, maxGram, preserveOriginal);
        }
        // Suffixes: the prefixes of the reversed word, reversed back.
        TokenStream prefixes = new EdgeNGramTokenFilter(new ReverseStringFilter(tokenStream), minGram, maxGram, preserveOriginal);
        return new ReverseStringFilter(prefixes);
    }

    @Override
    public TokenFilterFactory getSynonymFilter() {
        throw new IllegalArgumentException("Token filter [" + name() + "] cannot be used to parse synonyms");
    }
}
