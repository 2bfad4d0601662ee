package org.jobcluster.search.plugin.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.synonym.WordnetSynonymParser;
import org.apache.lucene.util.CharsRef;
import org.apache.lucene.util.CharsRefBuilder;

import java.io.IOException;

/**
 * Synonym parsers in Solr and WordNet format. When lenient, they skip a rule whose words the
 * analyzer cannot turn into a term (a stop word, say) instead of rejecting the whole list.
 */
final class LenientSynonymParsers {

    private LenientSynonymParsers() {}

    static SynonymMap.Parser solr(boolean expand, boolean lenient, Analyzer analyzer) {
        return lenient ? new LenientSolrParser(expand, analyzer) : new SolrSynonymParser(true, expand, analyzer);
    }

    static SynonymMap.Parser wordnet(boolean expand, boolean lenient, Analyzer analyzer) {
        return lenient ? new LenientWordnetParser(expand, analyzer) : new WordnetSynonymParser(true, expand, analyzer);
    }

    private static final class LenientSolrParser extends SolrSynonymParser {

        LenientSolrParser(boolean expand, Analyzer analyzer) {
            super(true, expand, analyzer);
        }

        @Override
        public CharsRef analyze(String text, CharsRefBuilder reuse) throws IOException {
            try {
                return super.analyze(text, reuse);
            } catch (IllegalArgumentException e) {
                // add() below drops the rule that contains this empty term.
                reuse.clear();
                return reuse.get();
            }
        }

        @Override
        public void add(CharsRef input, CharsRef output, boolean includeOrig) {
            if (input.length > 0 && output.length > 0) {
                super.add(input, output, includeOrig);
            }
        }
    }

    private static final class LenientWordnetParser extends WordnetSynonymParser {

        LenientWordnetParser(boolean expand, Analyzer analyzer) {
            super(true, expand, analyzer);
        }

        @Override
        public CharsRef analyze(String text, CharsRefBuilder reuse) throws IOException {
            try {
                return super.analyze(text, reuse);
            } catch (IllegalArgumentException e) {
                // add() below drops the rule that contains this empty term.
                reuse.clear();
                return reuse.get();
            }
        }

        @Override
        public void add(CharsRef input, CharsRef output, boolean includeOrig) {
            if (input.length > 0 && output.length > 0) {
                super.add(input, output, includeOrig);
            }
        }
    }
}
