/// Which work items shard `index` of `count` computes, balanced by cost: contiguous
/// runs of items whose summed estimated costs are as equal as the items allow (shard i
/// takes the items whose cumulative cost midpoint falls in [i·C/N, (i+1)·C/N), C the
/// total). Every shard computes the same partition from the same costs, so the shards
/// need not talk to each other. Contiguous runs keep each shard's memory local (grid
/// rows) and make the partition trivial to state.
public func shardItems(costs: [Double], index: Int, count: Int) -> Range<Int> {
    let bounds = shardBounds(costs: costs, count: count)
    return bounds[index]..<bounds[index + 1]
}

/// The `count + 1` boundaries of `shardItems`, from 0 to costs.count.
public func shardBounds(costs: [Double], count: Int) -> [Int] {
    let total = costs.reduce(0, +)
    var bounds = [0]
    var cumulative = 0.0
    var shard = 1
    for (i, c) in costs.enumerated() {
        let midpoint = cumulative + c / 2
        while shard < count, midpoint >= total * Double(shard) / Double(count) {
            bounds.append(i)
            shard += 1
        }
        cumulative += c
    }
    while bounds.count < count + 1 { bounds.append(costs.count) }
    bounds[count] = costs.count
    return bounds
}
