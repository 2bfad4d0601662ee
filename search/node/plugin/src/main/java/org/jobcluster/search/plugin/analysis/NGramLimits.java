package org.jobcluster.search.plugin.analysis;

import org.elasticsearch.index.IndexSettings;

/** Checks of min_gram and max_gram shared by the n-gram tokenizers and filters. */
final class NGramLimits {

    private NGramLimits() {}

    /** Raises IllegalArgumentException unless 1 <= minGram <= maxGram. */
    static void checkRange(String componentName, int minGram, int maxGram) {
        if (minGram < 1) {
            throw new IllegalArgumentException("[min_gram] of [" + componentName + "] must be at least 1, got [" + minGram + "]");
        }
        if (maxGram < minGram) {
            throw new IllegalArgumentException(
                "[max_gram] of [" + componentName + "] must be at least [min_gram] (" + minGram + "), got [" + maxGram + "]"
            );
        }
    }

    /**
     * Raises IllegalArgumentException when max_gram - min_gram exceeds the index setting
     * index.max_ngram_diff (1 by default), as Elasticsearch does for the ngram tokenizer and filter.
     */
    static void checkMaxDiff(IndexSettings indexSettings, String componentName, int minGram, int maxGram) {
        int maxAllowedDiff = indexSettings.getMaxNgramDiff();
        if (maxGram - minGram > maxAllowedDiff) {
            throw new IllegalArgumentException(
                "The difference between max_gram and min_gram in ["
                    + componentName
                    + "] must be less than or equal to: ["
                    + maxAllowedDiff
                    + "] but was ["
                    + (maxGram - minGram)
                    + "]. This limit can be set by changing the ["
                    + IndexSettings.MAX_NGRAM_DIFF_SETTING.getKey()
                    + "] index level setting."
            );
        }
    }
}
