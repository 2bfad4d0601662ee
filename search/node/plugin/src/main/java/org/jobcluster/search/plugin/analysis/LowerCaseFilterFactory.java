package org.jobcluster.search.plugin.analysis;

import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.el.GreekLowerCaseFilter;
import org.apache.lucene.analysis.ga.IrishLowerCaseFilter;
import org.apache.lucene.analysis.tr.TurkishLowerCaseFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.NormalizingTokenFilterFactory;

import java.util.function.UnaryOperator;

/**
 * The {@code lowercase} token filter type with its {@code language} parameter (greek, irish or
 * turkish). The server itself only provides {@code lowercase} by name, without parameters.
 */
public class LowerCaseFilterFactory extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {

    private final UnaryOperator<TokenStream> filter;

    public LowerCaseFilterFactory(IndexSettings indexSettings, Environment environment, String name, Settings settings) {
        super(name, settings);
        String language = settings.get("language");
        if (language == null) {
            filter = LowerCaseFilter::new;
        } else if (language.equalsIgnoreCase("greek")) {
            filter = GreekLowerCaseFilter::new;
        } else if (language.equalsIgnoreCase("irish")) {
            filter = IrishLowerCaseFilter::new;
        } else if (language.equalsIgnoreCase("turkish")) {
            filter = TurkishLowerCaseFilter::new;
        } else {
            throw new IllegalArgumentException(
                "invalid language [" + language + "] for lowercase filter [" + name + "], expected greek, irish or turkish"
            );
        }
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return filter.apply(tokenStream);
    }
}
