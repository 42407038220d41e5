using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;

namespace HkInnoBot.Search.Ranking;

/// <summary>
/// Lucene's BM25, unchanged for indexing and for Lucene's own queries, with what a question's scoring needs from it
/// computed once per reader: Lucene's BM25 builds a 256-entry length-normalisation table for every term of every query.
/// </summary>
public sealed class PassageSimilarity : BM25Similarity
{
    /// <summary>BM25 in one field of one reader: each passage's length normalisation, from its norm byte, as Lucene's
    /// BM25 computes it.</summary>
    internal sealed class Field(float k1, float[] lengthNorm, byte[] norms)
    {
        /// <summary>What a term earns in a passage, as Lucene's BM25 doc scorer computes it (same operations, same
        /// order, so the same float). <paramref name="weight"/> is the term's idf × boost.</summary>
        public float Score(float weight, int doc, int freq)
        {
            var weightValue = weight * (k1 + 1);
            return weightValue * freq / (freq + lengthNorm[norms[doc]]);
        }
    }

    /// <param name="norms">Each passage's norm byte in the field, as the index stores it.</param>
    internal Field For(CollectionStatistics statistics, byte[] norms)
    {
        var averageLength = AvgFieldLength(statistics);
        var lengthNorm = new float[256];
        for (var i = 0; i < lengthNorm.Length; i++)
            lengthNorm[i] = K1 * ((1 - B) + B * DecodeNormValue((byte)i) / averageLength);
        return new Field(K1, lengthNorm, norms);
    }

    /// <summary>BM25's idf as Lucene's BM25 computes it, from the number of passages (deleted ones too) and the term's
    /// document frequency.</summary>
    internal float IdfOf(long docFreq, long maxDoc) => Idf(docFreq, maxDoc);
}
