package org.jobcluster.search.plugin.analysis;

import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenizer;
import org.apache.lucene.analysis.ngram.NGramTokenizer;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractTokenizerFactory;

import java.util.function.IntPredicate;

/**
 * The {@code ngram} and {@code edge_ngram} tokenizers: {@code min_gram} (default 1),
 * {@code max_gram} (default 2), {@code token_chars} and {@code custom_token_chars}. Only the
 * {@code ngram} tokenizer is bound by index.max_ngram_diff.
 */
public class NGramTokenizerFactory extends AbstractTokenizerFactory {

    private final int minGram;
    private final int maxGram;
    private final boolean edge;
    private final IntPredicate tokenChars;

    private NGramTokenizerFactory(IndexSettings indexSettings, String name, Settings settings, boolean edge) {
        super(indexSettings, settings, name);
        this.edge = edge;
        minGram = settings.getAsInt("min_gram", NGramTokenizer.DEFAULT_MIN_NGRAM_SIZE);
        maxGram = settings.getAsInt("max_gram", NGramTokenizer.DEFAULT_MAX_NGRAM_SIZE);
        NGramLimits.checkRange(name, minGram, maxGram);
        if (edge == false) {
            NGramLimits.checkMaxDiff(indexSettings, name, minGram, maxGram);
        }
        tokenChars = TokenChars.parse(name, settings);
    }

    public static NGramTokenizerFactory ngram(IndexSettings indexSettings, Environment environment, String name, Settings settings) {
        return new NGramTokenizerFactory(indexSettings, name, settings, false);
    }

    public static NGramTokenizerFactory edgeNGram(IndexSettings indexSettings, Environment environment, String name, Settings settings) {
        return new NGramTokenizerFactory(indexSettings, name, settings, true);
    }

    @Override
    public Tokenizer create() {
        if (tokenChars == null) {
            return edge ? new EdgeNGramTokenizer(minGram, maxGram) : new NGramTokenizer(minGram, maxGram);
        }
        if (edge) {
            return new EdgeNGramTokenizer(minGram, maxGram) {
                @Override
                protected boolean isTokenChar(int character) {
                    return tokenChars.test(character);
                }
            };
        }
        return new NGramTokenizer(minGram, maxGram) {
            @Override
            protected boolean isTokenChar(int character) {
                return tokenChars.test(character);
            }
        };
    }
}
